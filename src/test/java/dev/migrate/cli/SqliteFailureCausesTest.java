package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SQLite file that cannot be written: the error names the operating system's reason and says what to do, instead
 * of "fix the migration". The tests run as root here, which chmod does not stop, so an immutable file or folder
 * ({@code chattr +i}, which stops root too) stands in for one the user may not write.
 */
class SqliteFailureCausesTest {
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path work;
    private MigrationFiles files;
    private Path folder;
    private SqliteFile db;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() throws IOException {
        files = new MigrationFiles(work.resolve("migrations"));
        folder = Files.createDirectories(work.resolve("data"));
        db = new SqliteFile(folder.resolve("app.db"));
        files.table("a1", "none");
        Cli.Result first = migrate(db.url(), "upgrade");
        assertEquals(0, first.exitCode(), first.toString());
        files.table("b2", "a1");
    }

    private Cli.Result migrate(String url, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url=" + url;
        all[args.length + 1] = "--dir=" + files.dir();
        return cli.run(all);
    }

    private void assertWritingRefused(Cli.Result result, String reason) {
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("revision b2") && result.err().contains("still at a1"), result.err());
        assertTrue(result.err().contains("SQLite cannot write " + db.path() + ": " + reason + "."), result.err());
        assertTrue(result.err().contains("and its folder writable by user " + USER), result.err());
        assertFalse(result.err().contains("Fix the migration"), result.err());
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of("t_a1"), db.tables());
    }

    @Test
    void urlThatOpensTheFileReadOnly() {
        assertWritingRefused(migrate("jdbc:sqlite:file:" + db.path() + "?mode=ro", "upgrade"),
                "the URL opens it read-only (mode=ro)");
    }

    @Test
    void fileTheUserMayNotWrite() throws Exception {
        immutable(db.path(), () -> assertWritingRefused(migrate(db.url(), "upgrade"),
                "permission denied on " + db.path() + " (the file is not writable by user " + USER + ")"));
    }

    @Test
    void folderTheUserMayNotWrite() throws Exception {
        immutable(folder, () -> {
            Cli.Result result = migrate(db.url(), "upgrade");
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("permission denied on " + folder + " (the folder is not writable by user "
                    + USER + "; SQLite writes its journal there)"), result.err());
            assertFalse(result.err().contains("Fix the migration"), result.err());
        });
        assertEquals(List.of("a1"), db.versions());
    }

    /** Runs {@code body} while {@code path} is immutable; skipped where chattr is missing or not allowed. */
    private static void immutable(Path path, Runnable body) throws Exception {
        Assumptions.assumeTrue(chattr("+i", path) == 0, "chattr +i is not available here");
        try {
            body.run();
        } finally {
            assertEquals(0, chattr("-i", path), "chattr -i " + path);
        }
    }

    private static int chattr(String flag, Path path) throws Exception {
        try {
            return new ProcessBuilder("chattr", flag, path.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
