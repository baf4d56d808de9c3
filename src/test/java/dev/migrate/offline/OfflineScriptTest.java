package dev.migrate.offline;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.SqliteFile;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --sql} scripts run by the databases' own command-line clients ({@code sqlite3}, {@code psql}) must leave
 * the same schema and version table as a live run of the same command.
 */
class OfflineScriptTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private final Cli cli = new Cli();

    /** A linear start, a transaction: false revision, a branch and its merge, comments in awkward places. */
    @BeforeEach
    void folder() {
        files = new MigrationFiles(work.resolve("migrations"));
        files.write("a1", "none", "CREATE TABLE t_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                + "INSERT INTO t_item (id, name) VALUES (1, 'semi;colon'), (2, 'it''s');", "DROP TABLE t_item;");
        files.write("b2", "a1", "ALTER TABLE t_item ADD COLUMN price INTEGER;\n"
                + "CREATE INDEX t_item_name ON t_item (name) -- a comment after the last statement", "DROP INDEX t_item_name;\n"
                + "ALTER TABLE t_item DROP COLUMN price;");
        files.writeRaw("c3", """
                -- revision: c3
                -- down_revision: b2
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE t_log (line TEXT);

                -- migrate:downgrade
                DROP TABLE t_log;
                """);
        files.write("d4", "a1", "CREATE TABLE t_tag (name TEXT);", "DROP TABLE t_tag;");
        files.write("m5", "c3, d4", "", "");
    }

    private String script(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--sql", "--dir", files.dir().toString()));
        Cli.Result result = cli.run(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        return result.out();
    }

    private static void requireClient(String name) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(dir, name));
        }
        String missing = "the " + name + " client is not installed; offline scripts cannot be run";
        if (!found && "1".equals(System.getenv("MIGRATE_TEST_REQUIRE_POSTGRES"))) {
            // Where the database tests are required (CI), a missing client is a broken machine, not a reason to skip.
            Assertions.fail(missing + " (MIGRATE_TEST_REQUIRE_POSTGRES=1 makes this a failure)");
        }
        Assumptions.assumeTrue(found, missing);
    }

    private String runClient(List<String> command, Map<String, String> env, String script) throws Exception {
        Path file = work.resolve("script-" + System.nanoTime() + ".sql");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(file.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "client failed:\n" + output + "\nscript:\n" + script);
        return output;
    }

    private List<String> sqliteSchema(SqliteFile db) {
        return db.query("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master "
                + "WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
    }

    @Test
    void sqliteScriptsMatchLiveRuns() throws Exception {
        requireClient("sqlite3");
        SqliteFile scripted = new SqliteFile(work.resolve("scripted.db"));
        SqliteFile live = new SqliteFile(work.resolve("live.db"));
        String upgrade = script("upgrade", "heads", "--dialect", "sqlite");
        assertTrue(upgrade.contains("-- transaction: false"), upgrade);
        runClient(List.of("sqlite3", "-bail", scripted.path().toString()), Map.of(), upgrade);
        assertEquals(0, cli.run("upgrade", "heads", "--dir", files.dir().toString(), "--url", live.url()).exitCode());
        assertEquals(sqliteSchema(live), sqliteSchema(scripted));
        assertEquals(List.of("m5"), scripted.versions());
        assertEquals(live.query("SELECT name FROM t_item ORDER BY id"), scripted.query("SELECT name FROM t_item ORDER BY id"));

        String downgrade = script("downgrade", "m5:a1", "--url", scripted.url());
        runClient(List.of("sqlite3", "-bail", scripted.path().toString()), Map.of(), downgrade);
        assertEquals(0, cli.run("downgrade", "a1", "--dir", files.dir().toString(), "--url", live.url()).exitCode());
        assertEquals(sqliteSchema(live), sqliteSchema(scripted));
        assertEquals(List.of("a1"), scripted.versions());

        runClient(List.of("sqlite3", "-bail", scripted.path().toString()), Map.of(), script("stamp", "c3", "--dialect", "sqlite"));
        assertEquals(List.of("c3"), scripted.versions());
    }

    @Test
    void postgresScriptsMatchLiveRuns() throws Exception {
        PostgresServer.require();
        requireClient("psql");
        files.write("f6", "m5", """
                CREATE FUNCTION item_label(item_id INTEGER) RETURNS TEXT LANGUAGE plpgsql AS $body$
                BEGIN
                  RETURN (SELECT name || '; #' || id FROM t_item WHERE id = item_id);
                END;
                $body$;""", "DROP FUNCTION item_label(INTEGER);");
        try (TestDatabase scripted = PostgresServer.createDatabase(); TestDatabase live = PostgresServer.createDatabase()) {
            PostgresServer.Server server = scripted.server();
            List<String> psql = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(),
                    "-p", String.valueOf(server.port()), "-U", server.user(), "-d", scripted.name());
            Map<String, String> env = server.password() == null ? Map.of() : Map.of("PGPASSWORD", server.password());
            runClient(psql, env, script("upgrade", "heads", "--dialect", "postgresql"));
            List<String> liveArgs = new ArrayList<>(List.of("upgrade", "heads", "--dir", files.dir().toString(),
                    "--url", live.jdbcUrl()));
            liveArgs.addAll(live.credentials());
            Cli.Result liveRun = cli.run(liveArgs.toArray(String[]::new));
            assertEquals(0, liveRun.exitCode(), liveRun.toString());

            String columns = "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'public' ORDER BY 1";
            String indexes = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname";
            assertEquals(live.query(columns), scripted.query(columns));
            assertEquals(live.query(indexes), scripted.query(indexes));
            assertEquals(List.of("f6"), scripted.query("SELECT version_num FROM migrate_version"));
            assertEquals(live.query("SELECT version_num FROM migrate_version"),
                    scripted.query("SELECT version_num FROM migrate_version"));
            assertEquals(List.of("semi;colon; #1"), scripted.query("SELECT item_label(1)"));

            runClient(psql, env, script("downgrade", "f6:base", "--dialect", "postgresql"));
            List<String> liveDown = new ArrayList<>(List.of("downgrade", "base", "--dir", files.dir().toString(),
                    "--url", live.jdbcUrl()));
            liveDown.addAll(live.credentials());
            assertEquals(0, cli.run(liveDown.toArray(String[]::new)).exitCode());
            assertEquals(live.query(columns), scripted.query(columns));
            assertEquals(List.of("migrate_version", "migrate_version_log", "migrate_version_progress"), scripted.query("SELECT table_name FROM "
                    + "information_schema.tables WHERE table_schema = 'public' ORDER BY 1"), "only migrate's own are left");
            assertEquals(List.of(), scripted.query("SELECT version_num FROM migrate_version"));
            assertEquals(List.of(), scripted.query("SELECT revision FROM migrate_version_progress"),
                    "the transaction: false migrations finished");
        }
    }

    @Test
    void javaMigrationStopsTheScriptWithExit1() throws IOException {
        Files.writeString(files.dir().resolve("Backfill.java"), """
                import dev.migrate.api.*;
                @Revision(id = "j9", downRevision = "m5")
                public class Backfill implements JavaMigration {
                    public void upgrade(MigrationContext context) {}
                }
                """);
        Cli.Result result = cli.run("upgrade", "--sql", "--dialect", "sqlite", "--dir", files.dir().toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.out().contains("-- STOP: revision j9 is a Java migration"), result.out());
        assertTrue(result.out().contains("UPDATE \"migrate_version\" SET version_num = 'm5'"), result.out());
        assertTrue(result.err().contains("revision j9"), result.err());
    }
}
