package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A version table named after a reserved word works in every command, live and offline. */
class QuotedNamesSqliteCliTest {
    @TempDir
    Path work;
    private final Cli cli = new Cli();

    private Cli.Result ok(SqliteFile db, MigrationFiles files, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url(), "--dir", files.dir().toString(), "--version-table", "order"));
        Cli.Result result = cli.run(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @Test
    void reservedWordVersionTableThroughEveryCommand() throws Exception {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.table("b2", "a1");
        SqliteFile db = new SqliteFile(work.resolve("app.db"));
        ok(db, files, "upgrade", "head");
        assertEquals(List.of("b2"), db.query("SELECT version_num FROM \"order\""));
        assertTrue(ok(db, files, "current").out().startsWith("b2 (head)"));
        ok(db, files, "downgrade", "-1");
        assertEquals(List.of("a1"), db.query("SELECT version_num FROM \"order\""));
        ok(db, files, "stamp", "b2");
        assertEquals(List.of("b2"), db.query("SELECT version_num FROM \"order\""));
        ok(db, files, "stamp", "--purge", "a1");
        assertEquals(List.of("a1"), db.query("SELECT version_num FROM \"order\""));

        // The offline script, applied by the sqlite driver statement by statement, reaches the same rows.
        SqliteFile scripted = new SqliteFile(work.resolve("scripted.db"));
        String script = ok(scripted, files, "upgrade", "head", "--sql").out();
        assertTrue(script.contains("CREATE TABLE IF NOT EXISTS \"order\""), script);
        try (var connection = java.sql.DriverManager.getConnection(scripted.url());
             var statement = connection.createStatement()) {
            for (String sql : script.split(";\n")) {
                // Comments and the sqlite3 shell's own dot commands (.bail on) are not SQL.
                String code = sql.lines().filter(line -> !line.startsWith("--") && !line.startsWith("."))
                        .reduce("", (a, b) -> a + "\n" + b);
                if (!code.isBlank()) {
                    statement.execute(code);
                }
            }
        }
        assertEquals(List.of("b2"), scripted.query("SELECT version_num FROM \"order\""));
        String stamp = ok(scripted, files, "stamp", "a1", "--sql").out();
        assertTrue(stamp.contains("DELETE FROM \"order\""), stamp);
        assertTrue(Files.exists(work.resolve("scripted.db")));
    }
}
