package dev.migrate.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.db.PostgresDialect;
import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet on the real server: 50 databases and 200 schemas of one database (150 listed by a query, 50 in the targets
 * file), at mixed revisions, one naming an unknown revision, one whose migration fails, one locked by another
 * runner, run with --parallel 8 while pg_stat_activity is watched. The tests run in order on one fleet: creating
 * it is the expensive part, so it is made once (in one connection) and dropped at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetPostgresTest {
    private static final int DATABASES = 50;
    private static final int QUERIED_SCHEMAS = 150;
    private static final int LISTED_SCHEMAS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static PostgresServer.Server server;
    private static String prefix;
    private static Path targets;
    private static final List<String> created = new ArrayList<>();
    private final Cli cli = new Cli();

    @BeforeAll
    static void createFleet() throws Exception {
        if (!PostgresServer.available()) {
            return; // each test reports the skip (or the failure, when the server is required)
        }
        server = PostgresServer.require();
        prefix = "migrate_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = server.connect(server.adminDatabase()); Statement sql = admin.createStatement()) {
            for (int i = 0; i <= DATABASES; i++) {
                String name = database(i);
                sql.execute("CREATE DATABASE " + name);
                created.add(name);
            }
        }
        StringBuilder listed = new StringBuilder();
        try (Connection schemas = server.connect(database(0)); Statement sql = schemas.createStatement()) {
            sql.execute("CREATE TABLE tenant_list (name text)");
            sql.execute("INSERT INTO tenant_list SELECT 's' || lpad(n::text, 3, '0') FROM generate_series(1, "
                    + QUERIED_SCHEMAS + ") n");
        }
        for (int i = 1; i <= LISTED_SCHEMAS; i++) {
            listed.append(i == 1 ? "" : ", ").append('"').append(String.format(Locale.ROOT, "l%02d", i)).append('"');
        }
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("r1", "none");
        files.table("r2", "r1");
        files.table("r3", "r2");
        StringBuilder toml = new StringBuilder();
        for (int i = 1; i <= DATABASES; i++) {
            toml.append(String.format(Locale.ROOT, "[targets.db%02d]%nurl = \"%s\"%ngroups = [%s]%n", i,
                    server.url(database(i)), i <= 10 ? "\"dbs\", \"mid\"" : "\"dbs\""));
        }
        toml.append("[targets.tenants]\nurl = \"").append(server.url(database(0))).append("\"\n")
                .append("schemas_query = \"SELECT name FROM tenant_list ORDER BY name\"\ngroups = [\"tenants\"]\n");
        toml.append("[targets.legacy]\nurl = \"").append(server.url(database(0))).append("\"\n")
                .append("schemas = [").append(listed).append("]\ngroups = [\"tenants\", \"mid\"]\n");
        targets = Files.writeString(work.resolve("targets.toml"), toml);
    }

    @AfterAll
    static void dropFleet() throws SQLException {
        if (server == null) {
            return;
        }
        try (Connection admin = server.connect(server.adminDatabase()); Statement sql = admin.createStatement()) {
            for (String name : created) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static String database(int i) {
        return prefix + (i == 0 ? "_schemas" : String.format(Locale.ROOT, "_d%02d", i));
    }

    private Cli.Result fleet(String... args) {
        List<String> line = new ArrayList<>(List.of("--dir", work.resolve("migrations").toString(), "--user",
                server.user()));
        if (server.password() != null) {
            line.addAll(List.of("--password", server.password()));
        }
        line.add("fleet");
        line.addAll(List.of(args));
        line.addAll(List.of("--targets", targets.toString()));
        return cli.run(line.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void mixedFleetEndsAtHeadExceptTheBrokenTargetsWithoutExceedingTheParallelism() throws Exception {
        PostgresServer.require();
        // Middle: 10 databases and the 50 listed schemas at r2; db11 and db12 at r1.
        Cli.Result middle = fleet("upgrade", "r2", "--group", "mid", "--parallel", "8");
        assertEquals(0, middle.exitCode(), middle.toString());
        Cli.Result first = fleet("upgrade", "r1", "--target", "db11", "--target", "db12");
        assertEquals(0, first.exitCode(), first.toString());
        execute(database(11), "UPDATE migrate_version SET version_num = 'feedbeef'");
        execute(database(12), "CREATE TABLE t_r2 (id INTEGER)"); // r2 will fail on it: already exists

        try (Connection holder = server.connect(database(0)); Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + PostgresDialect.lockKey("s007.migrate_version") + ")");
            int holderPid = pid(holder);
            ConnectionWatch watch = new ConnectionWatch(holderPid);
            watch.start();
            Cli.Result run;
            try {
                run = fleet("upgrade", "head", "--all", "--parallel", "8", "--lock-timeout", "2");
            } finally {
                watch.stop();
            }
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(watch.max() <= 8, "at most 8 connections at once, saw " + watch.max());
            assertTrue(watch.max() >= 2, "targets ran in parallel, saw " + watch.max());
            assertTrue(run.out().contains("250 targets in "), run.toString());
            assertTrue(run.out().contains("247 ok, 3 failed, 0 skipped; 3 plans"), run.toString());
            assertTrue(run.out().contains("db11 (PostgreSQL at ") && run.out().contains("names revision feedbeef")
                    && run.out().contains("stamp --purge"), run.toString());
            assertTrue(run.out().contains("db12 (PostgreSQL at ") && run.out().contains("r2_revision.sql:")
                    && run.out().contains("\"t_r2\" already exists"), run.toString());
            assertTrue(run.out().contains("tenants/s007 (PostgreSQL at ") && run.out().contains("lock"), run.toString());
        }
        assertEquals(List.of("feedbeef"), query(database(11), "SELECT version_num FROM migrate_version"));
        assertEquals(List.of("r1"), query(database(12), "SELECT version_num FROM migrate_version"));
        assertEquals(List.of(), query(database(0), "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 's007'"), "the locked target was left alone");
        for (int i = 1; i <= DATABASES; i++) {
            if (i != 11 && i != 12) {
                assertEquals(List.of("r3"), query(database(i), "SELECT version_num FROM migrate_version"), "db" + i);
            }
        }
        List<String> schemas = query(database(0), "SELECT table_schema || '=' || count(*) FROM "
                + "information_schema.tables WHERE table_name IN ('t_r1', 't_r2', 't_r3') GROUP BY table_schema "
                + "HAVING count(*) = 3");
        assertEquals(QUERIED_SCHEMAS + LISTED_SCHEMAS - 1, schemas.size(), "every healthy schema has all three tables");
    }

    @Test
    @Order(2)
    void statusAsJsonSaysWhichTargetsAreNotAtHead() throws Exception {
        PostgresServer.require();
        Cli.Result check = fleet("check", "--all", "--parallel", "8", "--format", "json");
        assertEquals(3, check.exitCode(), check.toString());
        JsonNode document = JSON.readTree(check.out());
        assertEquals(250, document.get("targets").size());
        List<String> notAtHead = new ArrayList<>();
        for (JsonNode target : document.get("targets")) {
            if (!target.get("at_head").asBoolean()) {
                notAtHead.add(target.get("name").asText() + " " + target.get("pending") + " " + target.get("unknown"));
            }
        }
        assertEquals(List.of("db11 null [\"feedbeef\"]", "db12 [\"r2\",\"r3\"] []", "tenants/s007 [\"r1\",\"r2\",\"r3\"] []"),
                notAtHead);
    }

    @Test
    @Order(3)
    void aFailedCanaryStartsNoOtherTarget() throws Exception {
        PostgresServer.require();
        execute(database(13), "DROP TABLE t_r3; DELETE FROM migrate_version; INSERT INTO migrate_version VALUES ('r2')");
        execute(database(14), "DROP TABLE t_r3; DELETE FROM migrate_version; INSERT INTO migrate_version VALUES ('r2')");
        Cli.Result run = fleet("upgrade", "--target", "db12", "--target", "db13", "--target", "db14",
                "--canary", "2", "--parallel", "8", "--format", "json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode document = JSON.readTree(run.out());
        assertEquals(List.of("db12 failed", "db13 ok", "db14 skipped"), outcomes(document));
        assertTrue(document.get("stopped_because").asText().contains("canary failed"), run.toString());
        assertEquals(List.of("r2"), query(database(14), "SELECT version_num FROM migrate_version"));

        Cli.Result healthy = fleet("upgrade", "--target", "db13", "--target", "db14", "--canary", "1");
        assertEquals(0, healthy.exitCode(), healthy.toString());
        assertEquals(List.of("r3"), query(database(14), "SELECT version_num FROM migrate_version"));
    }

    @Test
    @Order(4)
    void maxFailuresStopsSchedulingAfterKFailures() throws Exception {
        PostgresServer.require();
        execute(database(15), "DROP TABLE t_r3; DELETE FROM migrate_version; INSERT INTO migrate_version VALUES ('r2')");
        Cli.Result run = fleet("upgrade", "--target", "db11", "--target", "db12", "--target", "db15",
                "--parallel", "1", "--max-failures", "1", "--format", "json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode document = JSON.readTree(run.out());
        assertEquals(List.of("db11 failed", "db12 skipped", "db15 skipped"), outcomes(document));
        assertTrue(document.get("stopped_because").asText().contains("--max-failures 1"), run.toString());
        assertEquals(List.of("r2"), query(database(15), "SELECT version_num FROM migrate_version"));
    }

    private static List<String> outcomes(JsonNode document) {
        List<String> outcomes = new ArrayList<>();
        document.get("targets").forEach(t -> outcomes.add(t.get("name").asText() + " " + t.get("result").asText()));
        return outcomes;
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Samples pg_stat_activity for sessions on the fleet's databases (other than the lock holder's) while it runs. */
    private static final class ConnectionWatch {
        private final int ignoredPid;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger max = new AtomicInteger();
        private Thread thread;
        private volatile Exception failure;

        ConnectionWatch(int ignoredPid) {
            this.ignoredPid = ignoredPid;
        }

        void start() {
            thread = new Thread(() -> {
                try (Connection admin = server.connect(server.adminDatabase());
                     Statement sql = admin.createStatement()) {
                    // A backend whose client has just closed its connection stays listed for the moment it takes to
                    // exit, while the same worker may already have opened its next one: a count is taken as the
                    // lower of two samples 20 ms apart, so only sessions that are really held add up.
                    int previous = 0;
                    while (running.get()) {
                        int now = count(sql);
                        max.accumulateAndGet(Math.min(previous, now), Math::max);
                        previous = now;
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    failure = e;
                }
            }, "pg_stat_activity watch");
            thread.start();
        }

        private int count(Statement sql) throws SQLException {
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE '"
                    + prefix + "%' AND pid <> " + ignoredPid)) {
                rows.next();
                return rows.getInt(1);
            }
        }

        void stop() throws Exception {
            running.set(false);
            thread.join();
            if (failure != null) {
                throw failure;
            }
        }

        int max() {
            return max.get();
        }
    }
}
