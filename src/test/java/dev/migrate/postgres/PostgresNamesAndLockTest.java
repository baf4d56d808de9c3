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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names and the command lock on a real server: reserved words as schema and version table, one lock for one table
 * however it is named, and a lock-timeout message that finds the holder. Each test has a database of its own, since
 * some use the public schema.
 */
class PostgresNamesAndLockTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private TestDatabase database;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        database = PostgresServer.createDatabase();
        files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.table("b2", "a1");
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", database.jdbcUrl(), "--dir", files.dir().toString()));
        all.addAll(database.credentials());
        return cli.run(all.toArray(String[]::new));
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = migrate(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @Test
    void reservedWordsAsSchemaAndVersionTable() {
        String[] names = {"--schema", "order", "--version-table", "user"};
        ok(concat(names, "upgrade", "head"));
        assertEquals(List.of("b2"), database.query("SELECT version_num FROM \"order\".\"user\""));
        assertEquals(List.of("t_a1", "t_b2"), database.tables("order"));
        assertTrue(ok(concat(names, "current")).out().startsWith("b2 (head)"));
        ok(concat(names, "downgrade", "-1"));
        assertEquals(List.of("a1"), database.query("SELECT version_num FROM \"order\".\"user\""));
        ok(concat(names, "stamp", "b2"));
        assertEquals(List.of("b2"), database.query("SELECT version_num FROM \"order\".\"user\""));

        // The offline script does the same in another reserved-word schema.
        String script = ok("--schema", "group", "--version-table", "user", "upgrade", "head", "--sql").out();
        assertTrue(script.contains("CREATE SCHEMA IF NOT EXISTS \"group\""), script);
        database.execute(script);
        assertEquals(List.of("b2"), database.query("SELECT version_num FROM \"group\".\"user\""));
        assertEquals(List.of("t_a1", "t_b2"), database.tables("group"));
    }

    @Test
    void mixedCaseNamesMeanTheirLowerCaseTablesAsUnquotedNamesDid() {
        database.execute("CREATE TABLE schema_history (version_num VARCHAR(64) NOT NULL PRIMARY KEY)");
        database.execute("INSERT INTO schema_history VALUES ('a1')");
        assertTrue(ok("--version-table", "Schema_History", "current").out().startsWith("a1"));
        ok("--version-table", "Schema_History", "upgrade");
        assertEquals(List.of("b2"), database.query("SELECT version_num FROM schema_history"));
    }

    /** A migration that sleeps holds the lock; a second runner, naming the same table another way, must wait. */
    @Test
    void publicSchemaAndNoSchemaTakeTheSameLock() throws Exception {
        files.write("c3", "b2", "SELECT pg_sleep(4);", "");
        Cli.Result[] first = new Cli.Result[1];
        Thread runner = new Thread(() -> first[0] = migrate("upgrade", "--schema", "public"));
        runner.start();
        try {
            waitForLock();
            Cli.Result second = migrate("upgrade", "--lock-timeout", "1");
            assertEquals(1, second.exitCode(), second.toString());
            assertTrue(second.err().contains("Gave up after 1 s waiting for the migration lock on public.migrate_version"),
                    second.err());
            // Another version table is another lock.
            Cli.Result other = migrate("upgrade", "b2", "--schema", "other", "--lock-timeout", "1");
            assertEquals(0, other.exitCode(), other.toString());
        } finally {
            runner.join(60_000);
        }
        assertEquals(0, first[0].exitCode(), first[0].toString());
        assertEquals(List.of("c3"), database.query("SELECT version_num FROM public.migrate_version"));
    }

    private void waitForLock() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!database.query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
                    + "(SELECT oid FROM pg_database WHERE datname = current_database())").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first runner never took its lock");
    }

    @Test
    void lockTimeoutNamesTheHolderAndAQueryThatFindsIt() throws Exception {
        files.write("c3", "b2", "SELECT pg_sleep(4);", "");
        Cli.Result[] first = new Cli.Result[1];
        Thread runner = new Thread(() -> first[0] = migrate("upgrade"));
        runner.start();
        try {
            waitForLock();
            String holder = database.query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
                    + "(SELECT oid FROM pg_database WHERE datname = current_database())").get(0);
            Cli.Result result = migrate("upgrade", "--lock-timeout", "1");
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("held by server process " + holder), result.err());
            Matcher query = Pattern.compile("SELECT pid, usename.*?\\);").matcher(result.err());
            assertTrue(query.find(), result.err());
            assertTrue(query.group().contains("objsubid = 1"), query.group());
            // The query, pasted as it is, finds the holder.
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(query.group().replaceAll(";$", ""))) {
                assertTrue(rows.next(), "the query found no holder: " + query.group());
                assertEquals(holder, rows.getString("pid"));
            }
        } finally {
            runner.join(60_000);
        }
        assertEquals(0, first[0].exitCode(), first[0].toString());
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(rest));
        return all.toArray(String[]::new);
    }
}
