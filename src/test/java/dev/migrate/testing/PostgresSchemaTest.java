package dev.migrate.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CLI tests against a real PostgreSQL server: the class has a database of its own, and each test works in a schema
 * of its own (through {@code --schema}), so tests never see each other's tables or version rows.
 */
public abstract class PostgresSchemaTest {
    protected static TestDatabase database;

    @TempDir
    protected Path work;
    protected MigrationFiles files;
    protected String schema;
    protected final Cli cli = new Cli();

    @BeforeAll
    static void createDatabase() {
        // Without a server each test reports itself skipped (or failed, when the server is required).
        database = PostgresServer.available() ? PostgresServer.createDatabase() : null;
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void setUpSchema(TestInfo test) {
        PostgresServer.require();
        files = new MigrationFiles(work.resolve("migrations"));
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        schema = "s_" + name.substring(0, Math.min(name.length(), 40));
    }

    /** The CLI against this test's database and schema, logged in. */
    protected Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", database.jdbcUrl(), "--dir", files.dir().toString(), "--schema", schema));
        all.addAll(database.credentials());
        return cli.run(all.toArray(String[]::new));
    }

    protected Cli.Result ok(String... args) {
        Cli.Result result = migrate(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
