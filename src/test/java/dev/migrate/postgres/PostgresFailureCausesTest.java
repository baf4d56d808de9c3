package dev.migrate.postgres;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each cause of failure the server can really produce here gets its own remedy, not "fix the migration". Every test
 * has a database of its own, because some change the database's settings.
 */
class PostgresFailureCausesTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private TestDatabase database;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        PostgresServer.require();
        files = new MigrationFiles(work.resolve("migrations"));
        database = PostgresServer.createDatabase();
    }

    @AfterEach
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    private Cli.Result migrate(List<String> credentials, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", database.jdbcUrl(), "--dir", files.dir().toString()));
        all.addAll(credentials);
        return cli.run(all.toArray(String[]::new));
    }

    private Cli.Result migrate(String... args) {
        return migrate(database.credentials(), args);
    }

    private void ok(String... args) {
        Cli.Result result = migrate(args);
        assertEquals(0, result.exitCode(), result.toString());
    }

    private static String uniqueRole() {
        return "migrate_role_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }

    @Test
    void refusedLoginFailsAtOnceEvenWithWaitAndDoesNotSuggestWaiting() {
        files.table("a1", "none");
        // Under trust authentication a role that does not exist is refused with SQLState 28000.
        String role = uniqueRole();
        long started = System.nanoTime();
        Cli.Result result = migrate(List.of("--user", role), "upgrade", "--wait", "30");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(seconds < 10, "an authentication failure was retried for " + seconds + " s");
        assertTrue(result.err().startsWith("error: Cannot connect to PostgreSQL at " + database.server().host()),
                result.err());
        assertTrue(result.err().contains("as user " + role) && result.err().contains("The server refused the login")
                && result.err().contains("Check the user and password"), result.err());
        assertFalse(result.err().contains("Waiting up to"), result.err());
        assertFalse(result.err().contains("--wait SECONDS retries"), result.err());
    }

    @Test
    void readOnlyDatabaseSaysSoInsteadOfFixTheMigration() {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        database.execute("ALTER DATABASE " + database.name() + " SET default_transaction_read_only = on");
        Cli.Result result = migrate("downgrade", "-1");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("read-only transaction"), result.err());
        assertTrue(result.err().contains("The database accepts only reads")
                && result.err().contains("Point --url at the primary"), result.err());
        assertFalse(result.err().contains("Fix the migration"), result.err());
        assertEquals(List.of("b2"), database.versions("public"));
    }

    @Test
    void missingPrivilegeNamesTheUserAndSaysToGrantIt() throws SQLException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        // A role that may read and write migrate's tables but does not own the migrations' tables.
        String role = uniqueRole();
        database.execute("CREATE ROLE " + role + " LOGIN");
        try {
            database.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON migrate_version, migrate_version_log TO " + role);
            Cli.Result result = migrate(List.of("--user", role), "downgrade", "-1");
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("must be owner of table t_b2"), result.err());
            assertTrue(result.err().contains("User " + role + " lacks a privilege")
                    && result.err().contains("Grant it"), result.err());
            assertFalse(result.err().contains("Fix the migration"), result.err());
            assertEquals(List.of("t_a1", "t_b2"), database.tables("public"));
        } finally {
            database.execute("DROP OWNED BY " + role);
            database.close();
            database = null;
            try (Connection admin = PostgresServer.require().connect(PostgresServer.require().adminDatabase())) {
                admin.createStatement().execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void connectionTerminatedWhileAMigrationRuns() throws Exception {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);\nSELECT pg_sleep(30);", "DROP TABLE t_b2;");
        Cli.Result[] result = new Cli.Result[1];
        Thread runner = new Thread(() -> result[0] = migrate("upgrade"));
        runner.start();
        try (Connection admin = database.connect();
             PreparedStatement find = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ? "
                     + "AND query LIKE 'SELECT pg_sleep(30)%' AND pid <> pg_backend_pid()")) {
            find.setString(1, database.name());
            Integer pid = null;
            for (int i = 0; i < 200 && pid == null; i++) {
                try (ResultSet rows = find.executeQuery()) {
                    pid = rows.next() ? rows.getInt(1) : null;
                }
                if (pid == null) {
                    Thread.sleep(50);
                }
            }
            assertTrue(pid != null, "the migration never reached pg_sleep");
            admin.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");
        } finally {
            runner.join(60_000);
        }
        assertEquals(1, result[0].exitCode(), result[0].toString());
        assertTrue(result[0].err().contains("revision b2") && result[0].err().contains("still at a1"),
                result[0].err());
        assertTrue(result[0].err().contains("The server ended the connection")
                && result[0].err().contains("Once the server accepts connections again"), result[0].err());
        assertFalse(result[0].err().contains("Fix the migration"), result[0].err());
        assertEquals(List.of("a1"), database.versions("public"));
        assertEquals(List.of("t_a1"), database.tables("public"));
    }

    @Test
    void oneCommandOpensOneConnection() throws Exception {
        files.table("a1", "none");
        long before = sessions();
        ok("upgrade");
        assertEquals(1, settledSessions(before) - before, "sessions upgrade opened on " + database.name());
        // check reads the version table and the log in one session too.
        before = sessions();
        ok("check");
        assertEquals(1, settledSessions(before) - before, "sessions check --url opened on " + database.name());
    }

    /**
     * The session count once it stops moving: a backend reports its session to the statistics as it exits, shortly
     * after the command closed it.
     */
    private long settledSessions(long before) throws Exception {
        long after = sessions();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(100);
            long now = sessions();
            if (now == after && now > before && i >= 5) {
                break;
            }
            after = now;
        }
        return after;
    }

    /** pg_stat_database.sessions of the test database, read from another database so the reading is not counted. */
    private long sessions() throws SQLException {
        PostgresServer.Server server = database.server();
        try (Connection admin = server.connect(server.adminDatabase());
             PreparedStatement query = admin.prepareStatement(
                     "SELECT sessions FROM pg_stat_database WHERE datname = ?")) {
            query.setString(1, database.name());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    @Test
    void multiLineServerDetailStaysIndentedUnderTheDatabasesMessage() {
        files.table("a1", "none");
        files.write("b2", "a1", "DO $$ BEGIN RAISE EXCEPTION 'broken on purpose' USING DETAIL = E'first line\\n"
                + "second line', HINT = 'a hint'; END $$;", null);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        String err = result.err();
        assertTrue(err.contains("  The database said: ERROR: broken on purpose\n    Detail: first line\n"
                + "    second line\n    Hint: a hint\n"), err);
        assertTrue(err.contains("Fix the migration and run the command again."), err);
    }
}
