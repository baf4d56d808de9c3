package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code url = "${DATABASE_URL}"} in migrate.toml, the README's own example, on a machine or CI job where the variable
 * is not set: what needs no database works; what needs one says which file and line lack it, and uses no other.
 */
class UnsetUrlCliTest {
    @TempDir
    Path work;
    private Path toml;
    private final Cli cli = new Cli(Map.of()); // no DATABASE_URL, no MIGRATE_URL

    @BeforeEach
    void project() throws IOException {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.table("b2", "a1");
        toml = work.resolve("migrate.toml");
        defaultDatabaseBefore = defaultDatabase();
        // As the README's example: the schema is PostgreSQL's, which the unset URL does not say.
        Files.writeString(toml, "dir = \"" + files.dir() + "\"\n# the application's database\nurl = \"${DATABASE_URL}\"\n"
                + "schema = \"app\"\n");
    }

    /**
     * The default database of the tests' working folder (jdbc:sqlite:migrate.db), as found: absent, or its size and
     * time (the quickstart may have made one in a checkout), which no command here may change.
     */
    private String defaultDatabase() throws IOException {
        Path file = Path.of("migrate.db");
        return Files.exists(file) ? Files.size(file) + " bytes, " + Files.getLastModifiedTime(file) : "absent";
    }

    private String defaultDatabaseBefore;

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--config", toml.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void commandsThatNeedNoDatabaseRunWithoutIt() throws IOException {
        Cli.Result check = run("check", "--single-head");
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals("OK: 2 revisions, 1 head (b2).\n", check.out());
        assertEquals(0, run("heads").exitCode());
        Cli.Result history = run("history");
        assertEquals(0, history.exitCode(), history.toString());
        assertTrue(history.out().contains("a1 -> b2"), history.out());
        assertTrue(history.err().contains("${DATABASE_URL}"), "why nothing is marked current: " + history.err());
        Cli.Result revision = run("revision", "-m", "next", "--rev-id", "c3");
        assertEquals(0, revision.exitCode(), revision.toString());
        Cli.Result config = run("config");
        assertEquals(0, config.exitCode(), config.toString());
        assertTrue(config.out().contains("${DATABASE_URL}"), config.out());
        assertFalse(Files.exists(work.resolve("migrate.db")), "the default database is not used in its place");
        assertEquals(defaultDatabaseBefore, defaultDatabase(), "nor the one in the working folder");
    }

    @Test
    void commandsThatNeedADatabaseNameTheLineAndTheVariable() throws IOException {
        for (List<String> command : List.of(List.of("upgrade"), List.of("current"), List.of("log"))) {
            Cli.Result result = run(command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.err().contains(toml + ":3: key 'url' references ${DATABASE_URL}, which is not set in "
                    + "the environment"), result.err());
            assertTrue(result.err().contains("--url"), "what to do: " + result.err());
        }
        assertEquals(defaultDatabaseBefore, defaultDatabase(), "the default database is not used in its place");
        Cli.Result given = run("upgrade", "--schema", "", "--url", "jdbc:sqlite:" + work.resolve("app.db"));
        assertEquals(2, given.exitCode(), "the file's schema is PostgreSQL's: " + given);
        assertTrue(given.err().contains("--schema applies to PostgreSQL only"), given.err());
    }
}
