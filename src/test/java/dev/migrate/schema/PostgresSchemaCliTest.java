package dev.migrate.schema;

import dev.migrate.Migrator;
import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drift, test and revision --autogenerate against the real PostgreSQL server: scratch databases are made with
 * CREATE DATABASE on it and must be gone afterwards.
 */
class PostgresSchemaCliTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private TestDatabase live;
    private TestDatabase dev;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        live = PostgresServer.createDatabase();
        dev = PostgresServer.createDatabase();
        files = new MigrationFiles(work.resolve("migrations"));
        files.write("001", "none", "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
                + "CREATE DOMAIN points AS int CHECK (VALUE >= 0);\nCREATE DOMAIN old_code AS text;\n"
                + "CREATE SEQUENCE ticket_no;\nCREATE SEQUENCE old_no;\n"
                + "CREATE TABLE quizzes (id serial PRIMARY KEY, title varchar(200) NOT NULL, score int, m mood DEFAULT 'happy');\n"
                + "CREATE INDEX ix_title ON quizzes (lower(title)) WHERE score > 0;",
                "DROP TABLE quizzes;\nDROP SEQUENCE old_no;\nDROP SEQUENCE ticket_no;\nDROP DOMAIN old_code;\n"
                        + "DROP DOMAIN points;\nDROP TYPE mood;");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (live != null) {
            List<String> left = leftScratchDatabases();
            live.close();
            dev.close();
            assertEquals(List.of(), left, "scratch databases are dropped");
        }
    }

    /**
     * The scratch databases still on the server once this test's commands have ended. Other test runs share the
     * server and make their own for a few seconds; one of ours would stay for good. So a name counts only while it
     * stays: the first listing, narrowed to the names still there, until none is or 30 seconds have passed.
     */
    private List<String> leftScratchDatabases() throws InterruptedException {
        String sql = "SELECT datname FROM pg_database WHERE datname LIKE 'migrate\\_scratch\\_%'";
        List<String> left = new ArrayList<>(live.query(sql));
        for (int waited = 0; !left.isEmpty() && waited < 30; waited++) {
            Thread.sleep(1000);
            left.retainAll(live.query(sql));
        }
        return left;
    }

    private Cli.Result migrate(TestDatabase database, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", database.jdbcUrl(), "--dir", files.dir().toString()));
        all.addAll(database.credentials());
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void testFindsABrokenDowngradeAndDriftFindsAHandDroppedColumn() {
        files.write("002", "001", "ALTER TABLE quizzes ADD COLUMN note text;", "");
        Cli.Result tested = migrate(live, "test");
        assertEquals(3, tested.exitCode(), tested.toString());
        assertTrue(tested.out().contains("Testing on a scratch PostgreSQL database"), tested.toString());
        assertTrue(tested.out().contains("its downgrade did not restore the schema (before upgrade -> after downgrade):\n"
                + "      + column quizzes.note\n"), tested.toString());

        files.write("002", "001", "ALTER TABLE quizzes ADD COLUMN note text;", "ALTER TABLE quizzes DROP COLUMN note;");
        assertEquals(0, migrate(live, "test").exitCode());
        assertEquals(0, migrate(live, "upgrade", "head").exitCode());
        Cli.Result clean = migrate(live, "drift");
        assertEquals(0, clean.exitCode(), clean.toString());
        live.execute("ALTER TABLE quizzes DROP COLUMN score");
        Cli.Result drifted = migrate(live, "drift");
        assertEquals(3, drifted.exitCode(), drifted.toString());
        assertTrue(drifted.out().contains("  - column quizzes.score\n  - index ix_title\n"), drifted.toString());
    }

    @Test
    void devUrlMakesScratchSchemasInsteadOfDatabases() {
        files.write("002", "001", "ALTER TABLE quizzes ADD COLUMN note text;", "ALTER TABLE quizzes DROP COLUMN note;");
        // The user --dev-url is for: one who may create schemas in a dev database, but not databases.
        String role = "migrate_nocreatedb_" + dev.name().substring(dev.name().length() - 8);
        live.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'dev-secret' NOCREATEDB");
        live.execute("GRANT CREATE ON DATABASE " + dev.name() + " TO " + role);
        try {
            Cli.Result tested = cli.run("test", "--url", live.jdbcUrl(), "--dir", files.dir().toString(),
                    "--dev-url", dev.jdbcUrl(), "--user", role, "--password", "dev-secret");
            assertEquals(0, tested.exitCode(), tested.toString());
            assertTrue(tested.out().contains("a scratch PostgreSQL schema"), tested.toString());
            assertEquals(List.of(), dev.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'migrate\\_scratch\\_%'"));
        } finally {
            live.execute("REVOKE CREATE ON DATABASE " + dev.name() + " FROM " + role);
            live.execute("DROP ROLE " + role);
        }
    }

    @Test
    void autogenerateRoundTripsAndItsDowngradeRestoresTheHeadSchema() throws Exception {
        // A view on a view at head: changing the table under both means dropping them in order and re-creating them.
        files.write("002", "001", "CREATE VIEW v_base AS SELECT id, title FROM quizzes;\n"
                + "CREATE VIEW v_top AS SELECT title FROM v_base;", "DROP VIEW v_top;\nDROP VIEW v_base;");
        assertEquals(0, migrate(dev, "upgrade", "head").exitCode());
        for (String change : List.of(
                "DROP VIEW v_top",
                "DROP VIEW v_base",
                "ALTER TYPE mood ADD VALUE 'meh'",
                "CREATE TABLE authors (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL)",
                "ALTER TABLE authors ADD CONSTRAINT authors_email_key UNIQUE (email)",
                "ALTER TABLE quizzes ADD COLUMN author_id bigint REFERENCES authors(id) ON DELETE CASCADE DEFERRABLE",
                "ALTER TABLE quizzes ADD CONSTRAINT score_positive CHECK (score >= 0)",
                "ALTER TABLE quizzes ALTER COLUMN score SET NOT NULL",
                "ALTER TABLE quizzes ALTER COLUMN score SET DEFAULT 3",
                "ALTER TABLE quizzes DROP COLUMN m",
                "ALTER TABLE quizzes ALTER COLUMN title TYPE varchar(400)",
                "DROP INDEX ix_title",
                "CREATE INDEX ix_author ON quizzes (author_id) WHERE author_id IS NOT NULL",
                "CREATE VIEW v_quizzes AS SELECT id, title FROM quizzes",
                "CREATE VIEW a_recent AS SELECT id FROM v_quizzes", // name order would create it first
                "CREATE VIEW v_base AS SELECT id, title, score FROM quizzes",
                "CREATE VIEW v_top AS SELECT title FROM v_base",
                "COMMENT ON TABLE authors IS 'who wrote it'",
                "ALTER DOMAIN points SET DEFAULT 0",
                "ALTER DOMAIN points SET NOT NULL",
                "DROP DOMAIN old_code",
                "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')",
                "ALTER SEQUENCE ticket_no INCREMENT BY 10 MAXVALUE 100000 CYCLE",
                "DROP SEQUENCE old_no",
                "CREATE SEQUENCE invoice_no AS integer START 1000")) {
            dev.execute(change);
        }
        Cli.Result generated = migrate(live, "revision", "--autogenerate", "-m", "from dev", "--rev-id", "003",
                "--from-url", dev.jdbcUrl());
        assertEquals(0, generated.exitCode(), generated.toString());
        String text = Files.readString(files.dir().resolve("003_from_dev.sql"));
        String upgrade = text.substring(0, text.indexOf("-- migrate:downgrade"));
        String downgrade = text.substring(text.indexOf("-- migrate:downgrade"));
        assertTrue(upgrade.indexOf("CREATE VIEW v_quizzes") < upgrade.indexOf("CREATE VIEW a_recent"), text);
        // Domain and sequence changes that lose nothing are statements, not commented warnings.
        for (String statement : List.of("ALTER DOMAIN points SET DEFAULT 0;", "ALTER DOMAIN points SET NOT NULL;",
                "DROP DOMAIN old_code;", "CREATE DOMAIN email AS text CONSTRAINT email_check CHECK",
                "ALTER SEQUENCE ticket_no INCREMENT BY 10 MAXVALUE 100000 CYCLE;", "DROP SEQUENCE old_no;",
                "CREATE SEQUENCE invoice_no AS integer")) {
            assertTrue(upgrade.lines().anyMatch(line -> line.startsWith(statement)), statement + " in\n" + text);
        }
        for (String statement : List.of("ALTER DOMAIN points DROP NOT NULL;", "ALTER DOMAIN points DROP DEFAULT;",
                "ALTER SEQUENCE ticket_no INCREMENT BY 1 MAXVALUE 9223372036854775807 NO CYCLE;")) {
            assertTrue(downgrade.lines().anyMatch(line -> line.startsWith(statement)), statement + " in\n" + text);
        }
        assertFalse(text.contains("WARNING: domain") || text.contains("WARNING: sequence"), text);

        assertEquals(0, migrate(live, "upgrade", "head").exitCode(), text);
        SchemaDiff diff = SchemaDiff.between(schema(live), schema(dev));
        assertEquals(List.of(), diff.lines(""), text);
        // Narrowing the title back may lose data: the downgrade leaves it commented out, and test says so.
        assertTrue(text.contains("-- WARNING: column quizzes.title changes type character varying(400) -> "
                + "character varying(200), which may fail or lose data"), text);
        Cli.Result tested = migrate(live, "test", "--format", "json");
        assertEquals(3, tested.exitCode(), tested + "\n" + text);
        assertTrue(tested.out().contains("\"text\" : \"~ column quizzes.title: type character varying(200) -> "
                + "character varying(400)\""), tested.toString());
        assertEquals(1, tested.out().split("\"text\"", -1).length - 1, "that is the only difference: " + tested);
    }

    private SchemaModel schema(TestDatabase database) {
        return Migrator.builder().url(database.jdbcUrl()).user(database.server().user())
                .password(database.server().password()).dir(files.dir()).build().schema();
    }
}
