package dev.migrate.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CLI tests on a SQLite file: a migrations folder and a database in the test's own folder, the CLI run on both. */
public abstract class SqliteProjectTest {
    @TempDir
    protected Path work;
    protected MigrationFiles files;
    protected SqliteFile db;
    protected final Cli cli = new Cli();

    @BeforeEach
    void setUpProject() {
        files = new MigrationFiles(work.resolve("migrations"));
        db = new SqliteFile(work.resolve("app.db"));
    }

    /** The CLI against this test's folder and database. */
    protected Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--url=" + db.url());
        all.add("--dir=" + files.dir());
        return cli.run(all.toArray(String[]::new));
    }

    protected Cli.Result ok(String... args) {
        Cli.Result result = migrate(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
