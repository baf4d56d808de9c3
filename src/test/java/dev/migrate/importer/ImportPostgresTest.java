package dev.migrate.importer;

import dev.migrate.testing.Cli;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `migrate import` against PostgreSQL, per tool: the imported folder applied, downgraded to base and applied again;
 * and a database that tool migrated (its history table as the tool creates it) stamped at the right revision.
 */
class ImportPostgresTest {
    private static TestDatabase database;

    @TempDir
    Path root;

    private final Cli cli = new Cli();

    @BeforeAll
    static void createDatabase() {
        // Without a server each test reports itself skipped (or failed, when the server is required).
        database = PostgresServer.available() ? PostgresServer.createDatabase() : null;
    }

    @BeforeEach
    void requireServer() {
        PostgresServer.require();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flyway", "golang-migrate", "dbmate", "goose", "diesel", "sqitch"})
    void importedFolderUpgradesDowngradesAndUpgradesAgain(String tool) {
        ToolProjects.Project project = ImportHistorySqliteTest.LAYOUTS.get(tool).apply(root);
        String schema = "rt_" + tool.replace('-', '_');
        Cli.Result imported = cli.run("import", "--from", tool, project.source().toString(), "--dir", out().toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        Cli.Result up = run("upgrade", "head", schema);
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(List.of(project.last()), database.query("SELECT version_num FROM " + schema + ".migrate_version"));
        assertTrue(database.tables(schema).containsAll(List.of("t_people", "t_pets")), database.tables(schema).toString());
        Cli.Result down = run("downgrade", "base", schema);
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(List.of(), database.tables(schema));
        assertEquals(0, run("upgrade", "head", schema).exitCode());
        assertEquals(List.of(project.last()), database.query("SELECT version_num FROM " + schema + ".migrate_version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flyway", "golang-migrate", "dbmate", "goose", "diesel", "sqitch"})
    void stampsTheRevisionTheToolRecorded(String tool) throws SQLException {
        ToolProjects.Project project = ImportHistorySqliteTest.LAYOUTS.get(tool).apply(root);
        String schema = "h_" + tool.replace('-', '_');
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("CREATE SCHEMA IF NOT EXISTS sqitch");
            statement.execute("SET search_path TO " + schema);
            Consumer<String> sql = text -> {
                try {
                    statement.execute(text);
                } catch (SQLException e) {
                    throw new IllegalStateException(text, e);
                }
            };
            ToolHistories.migratedThroughSecond(tool, true, sql, sql);
        }
        List<String> args = new ArrayList<>(List.of("import", "--from", tool, project.source().toString(),
                "--dir", out().toString(), "--url", database.jdbcUrl(), "--schema", schema));
        args.addAll(database.credentials());
        Cli.Result imported = cli.run(args.toArray(String[]::new));
        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals(List.of(project.second()), database.query("SELECT version_num FROM " + schema + ".migrate_version"));
        Cli.Result up = run("upgrade", "head", schema);
        assertEquals(0, up.exitCode(), "only what the tool had not applied runs: " + up);
        assertEquals(List.of(project.last()), database.query("SELECT version_num FROM " + schema + ".migrate_version"));
    }

    private Cli.Result run(String command, String target, String schema) {
        List<String> args = new ArrayList<>(List.of(command, target, "--dir", out().toString(), "--url",
                database.jdbcUrl(), "--schema", schema));
        args.addAll(database.credentials());
        return cli.run(args.toArray(String[]::new));
    }

    private Path out() {
        return root.resolve("native");
    }
}
