package dev.migrate.postgres;

import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log row is written in the transaction of the version-table change: a process killed between a migration's
 * statements and its commit leaves neither, on a real server, with the packaged jar as its own process.
 */
class PostgresIntegrityIT {

    @Test
    void killedBetweenStatementAndCommitLeavesNeitherRowNorLog(@TempDir Path work) throws Exception {
        PostgresServer.require();
        try (TestDatabase database = PostgresServer.createDatabase()) {
            MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
            files.table("a1", "none");
            files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);\nSELECT pg_sleep(60);", "DROP TABLE t_b2;");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", System.getProperty("migrate.jar", "target/migrate.jar"), "upgrade",
                    "--url", database.jdbcUrl(), "--dir", files.dir().toString(),
                    "--user", database.server().user()));
            if (database.server().password() != null) {
                command.addAll(List.of("--password", database.server().password()));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("out.txt").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean sleeping = false;
            while (!sleeping && System.nanoTime() < deadline) {
                Thread.sleep(100);
                sleeping = !database.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND query LIKE 'SELECT pg_sleep(60)%'").isEmpty();
            }
            assertTrue(sleeping, "b2 reached its second statement");
            process.destroyForcibly(); // kill -9: no rollback by the client, no commit either
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            // The server ends the killed session's transaction once it sees the connection gone.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !database.query("SELECT pid FROM pg_stat_activity WHERE "
                    + "datname = current_database() AND query LIKE 'SELECT pg_sleep(60)%'").isEmpty()) {
                database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                        + "datname = current_database() AND query LIKE 'SELECT pg_sleep(60)%'");
                Thread.sleep(100);
            }
            assertEquals(List.of("a1"), database.query("SELECT version_num FROM migrate_version"));
            assertEquals(List.of("a1"), database.query("SELECT revision FROM migrate_version_log ORDER BY id"));
            assertEquals(List.of(), database.query("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_name = 't_b2'"));
        }
    }
}
