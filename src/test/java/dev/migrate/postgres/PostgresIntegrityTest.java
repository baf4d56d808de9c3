package dev.migrate.postgres;

import dev.migrate.testing.Cli;
import dev.migrate.testing.PostgresSchemaTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The applied-migrations log, checksums and verify sections on a real PostgreSQL server. */
class PostgresIntegrityTest extends PostgresSchemaTest {

    @Test
    void logRowsChecksumsAndAcceptOnPostgres() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        ok("downgrade", "-1");
        ok("stamp", "b2");
        assertEquals(List.of("upgrade a1", "upgrade b2", "downgrade b2", "stamp b2"), database.query(
                "SELECT direction || ' ' || revision FROM " + schema + ".migrate_version_log ORDER BY id"));
        assertEquals(List.of(database.server().user()), database.query("SELECT DISTINCT database_user FROM " + schema
                + ".migrate_version_log"));

        Path a1 = files.dir().resolve("a1_revision.sql");
        Files.writeString(a1, Files.readString(a1).replace("PRIMARY KEY", "PRIMARY KEY, note TEXT"));
        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains("revision a1: was applied on"), check.out());
        ok("accept", "--all");
        assertEquals(0, migrate("check").exitCode());
    }

    @Test
    void aVerifyQueryThatIsFalseRollsBackAndTheScriptRaises() throws Exception {
        files.writeRaw("a1", """
                -- revision: a1
                -- down_revision: none

                -- migrate:upgrade
                CREATE TABLE t_user (id INTEGER);
                DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'nothing') THEN
                  ALTER TABLE t_user ADD COLUMN email TEXT; END IF; END $$;

                -- migrate:verify
                SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't_user'
                               AND column_name = 'email');

                -- migrate:downgrade
                DROP TABLE t_user;
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("failed in its verification at " + files.dir().resolve("a1_revision.sql")
                + ":10") && result.err().contains("returned false"), result.err());
        assertEquals(List.of(), database.tables(schema));

        String script = ok("upgrade", "head", "--sql").out();
        assertTrue(script.contains("RAISE EXCEPTION 'verify query at "), script);
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema + "_script");
            statement.execute("SET search_path TO " + schema + "_script");
            connection.setAutoCommit(false);
            String verifyBlock = script.substring(script.indexOf("DO $migrate_verify$"),
                    script.indexOf("$migrate_verify$;") + "$migrate_verify$;".length());
            statement.execute("CREATE TABLE t_user (id INTEGER)");
            try {
                statement.execute(verifyBlock);
                throw new AssertionError("the verify block did not raise");
            } catch (java.sql.SQLException expected) {
                assertTrue(expected.getMessage().contains("verify query at"), expected.getMessage());
            }
            connection.rollback();
            statement.execute("CREATE TABLE t_user (id INTEGER, email TEXT)");
            statement.execute(verifyBlock); // passes once the column is there
            connection.rollback();
        }
    }
}
