package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database a --url means, through the CLI: half URLs are refused before anything runs. */
class DatabaseUrlCliTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
    }

    @Test
    void urlsWithoutADatabaseAreUsageErrorsAndRunNothing() {
        for (String url : List.of("postgres://", "postgresql://localhost", "jdbc:postgresql://127.0.0.1:1/",
                "sqlite:///", "jdbc:sqlite:", "jdbc:sqlite::memory:", "sqlite:///:memory:")) {
            Cli.Result result = cli.run("upgrade", "head", "--url", url, "--dir", files.dir().toString());
            assertEquals(2, result.exitCode(), url + ": " + result);
            assertTrue(result.err().startsWith("error: The database URL"), result.err());
            assertTrue(result.err().contains("for example"), result.err());
            assertFalse(result.out().contains("Running upgrade"), result.out());
            assertEquals(1, result.err().lines().count(), result.err());
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsNamedAsSuch() {
        // .invalid never resolves (RFC 6761); the driver alone says only "The connection attempt failed."
        Cli.Result result = cli.run("current", "--url", "postgresql://app:s3cretPW@no-such-host.invalid/app",
                "--dir", files.dir().toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("The host name no-such-host.invalid does not resolve (DNS)"), result.err());
        assertFalse(result.err().contains("s3cretPW"), result.err());
    }

    @Test
    void malformedUrlsAreUsageErrorsNotInternalErrors() {
        for (String url : List.of("postgresql://localhost/%zz", "jdbc:postgresql:%%%", "postgresql://u:p@h:port/db",
                "jdbc:postgresql://h/db?sslmode=%z")) {
            Cli.Result result = cli.run("current", "--url", url, "--dir", files.dir().toString());
            assertEquals(2, result.exitCode(), url + ": " + result);
            assertFalse(result.err().contains("internal error") || result.err().contains("Cannot close"), result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace without -v: " + result.err());
        }
    }

    @Test
    void sqlalchemyDriverNamesAreAcceptedWithANoteUnderVerbose() {
        SqliteFile db = new SqliteFile(work.resolve("app.db"));
        Cli.Result quiet = cli.run("upgrade", "--url", "sqlite+aiosqlite:///" + db.path(), "--dir", files.dir().toString());
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertFalse(quiet.err().contains("aiosqlite"), quiet.err());
        assertEquals(List.of("a1"), db.versions());
        Cli.Result verbose = cli.run("-v", "current", "--url", "sqlite+pysqlite:///" + db.path(), "--dir",
                files.dir().toString());
        assertEquals(0, verbose.exitCode(), verbose.toString());
        assertTrue(verbose.err().contains("the driver part 'pysqlite' is for Python"), verbose.err());
        assertTrue(verbose.out().startsWith("a1 (head)"), verbose.out());
    }

    @Test
    void anEmptySqliteUrlLeavesNoFileBehind() throws Exception {
        Cli.Result result = cli.run("upgrade", "--url", "sqlite:///", "--dir", files.dir().toString());
        assertEquals(2, result.exitCode(), result.toString());
        try (var left = Files.list(work)) {
            assertEquals(List.of(files.dir()), left.toList());
        }
    }
}
