package dev.migrate.postgres;

import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.SqliteFile;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight deploys at once: separate `migrate upgrade head` processes (the packaged jar) against one database through
 * fifty revisions. Every revision logs itself into a table when it runs, so a migration applied twice or skipped
 * shows up as a wrong count; without the command lock, the losers of the race would also fail on CREATE TABLE.
 */
class ConcurrentRunnersIT {
    private static final int RUNNERS = 8;
    private static final int REVISIONS = 50;

    @TempDir
    Path work;

    private MigrationFiles fiftyRevisions() {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.write("r000", "none", "CREATE TABLE applied_log (revision VARCHAR(10) NOT NULL);", "DROP TABLE applied_log;");
        for (int i = 1; i < REVISIONS; i++) {
            String id = String.format("r%03d", i);
            String previous = String.format("r%03d", i - 1);
            files.write(id, previous, "CREATE TABLE t_" + id + " (id INTEGER);\nINSERT INTO applied_log VALUES ('" + id + "');",
                    "DROP TABLE t_" + id + ";");
        }
        return files;
    }

    private List<String> runAtOnce(List<String> connectionOptions, Path dir) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < RUNNERS; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("migrate.jar", "target/migrate.jar"), "upgrade", "head", "--dir", dir.toString()));
            command.addAll(connectionOptions);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("runner" + i + ".log").toFile()).start());
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RUNNERS; i++) {
            Process process = processes.get(i);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "runner " + i + " did not finish");
            if (process.exitValue() != 0) {
                failures.add("runner " + i + " exited " + process.exitValue() + ":\n"
                        + Files.readString(work.resolve("runner" + i + ".log"), StandardCharsets.UTF_8));
            }
        }
        return failures;
    }

    private void assertEachRevisionAppliedOnce(Function<String, List<String>> query) {
        assertEquals(List.of(String.valueOf(REVISIONS - 1)), query.apply("SELECT COUNT(*) FROM applied_log"));
        assertEquals(List.of(String.valueOf(REVISIONS - 1)), query.apply("SELECT COUNT(DISTINCT revision) FROM applied_log"));
        assertEquals(List.of(String.format("r%03d", REVISIONS - 1)), query.apply("SELECT version_num FROM migrate_version"));
    }

    @Test
    void eightProcessesOnePostgresDatabase() throws Exception {
        PostgresServer.require();
        MigrationFiles files = fiftyRevisions();
        try (TestDatabase database = PostgresServer.createDatabase()) {
            List<String> options = new ArrayList<>(List.of("--url", database.jdbcUrl()));
            options.addAll(database.credentials());
            List<String> failures = runAtOnce(options, files.dir());
            assertEquals(List.of(), failures);
            assertEachRevisionAppliedOnce(database::query);
        }
    }

    @Test
    void eightProcessesOneSqliteFile() throws Exception {
        MigrationFiles files = fiftyRevisions();
        SqliteFile db = new SqliteFile(work.resolve("shared.db"));
        List<String> failures = runAtOnce(List.of("--url", db.url()), files.dir());
        assertEquals(List.of(), failures);
        assertEachRevisionAppliedOnce(db::query);
    }
}
