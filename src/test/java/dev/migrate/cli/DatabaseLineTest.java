package dev.migrate.cli;

import dev.migrate.config.MigrateConfig;
import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** upgrade, downgrade and stamp say first which database they change. */
class DatabaseLineTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private SqliteFile db;

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        db = new SqliteFile(work.resolve("app.db"));
    }

    private static String firstLine(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
        return result.out().lines().findFirst().orElse("");
    }

    @Test
    void theDefaultUrlIsMarkedAsTheDefault() {
        // Built, not run: running it would create migrate.db in the folder the tests run in.
        MigrateConfig defaulted = MigrateConfig.builder().environment(Map.of()).build();
        assertEquals("SQLite ./migrate.db (default: set --url or DATABASE_URL)", DatabaseLine.of(defaulted));
        MigrateConfig given = MigrateConfig.builder().url("jdbc:sqlite:migrate.db").environment(Map.of()).build();
        assertEquals("SQLite ./migrate.db", DatabaseLine.of(given));
    }

    @Test
    void postgresShowsUserHostPortDatabaseAndSchemaButNeverThePassword() {
        MigrateConfig config = MigrateConfig.builder().url("postgresql://app:s3cret@db.internal:5432/app")
                .schema("public").environment(Map.of()).build();
        assertEquals("PostgreSQL app@db.internal:5432/app, schema public", DatabaseLine.of(config));
        MigrateConfig noSchema = MigrateConfig.builder().url("jdbc:postgresql://db.internal/app?user=app&password=x")
                .environment(Map.of()).build();
        assertEquals("PostgreSQL app@db.internal:5432/app, default search_path", DatabaseLine.of(noSchema));
    }

    @Test
    void writingCommandsPrintItFirstFromTheEnvironmentToo() {
        Cli cli = new Cli(Map.of("DATABASE_URL", "sqlite:///" + db.path()));
        String dir = "--dir=" + files.dir();
        assertEquals("SQLite " + db.path(), firstLine(cli.run("upgrade", dir)));
        assertEquals("SQLite " + db.path(), firstLine(cli.run("downgrade", "base", dir)));
        assertEquals("SQLite " + db.path(), firstLine(cli.run("stamp", "head", dir)));
        assertEquals(List.of("a1"), db.versions());
    }

    @Test
    void quietAndOfflineScriptsDoNotPrintIt() {
        Cli cli = new Cli();
        String url = "--url=" + db.url();
        String dir = "--dir=" + files.dir();
        Cli.Result quiet = cli.run("upgrade", "-q", url, dir);
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertEquals("", quiet.out());
        Cli.Result script = cli.run("upgrade", "--sql", url, dir);
        assertEquals(0, script.exitCode(), script.toString());
        assertFalse(script.out().contains("SQLite " + db.path()), script.out());
        assertTrue(cli.run("current", url, dir).out().startsWith("a1 (head)"), "reading commands keep their output");
    }
}
