package dev.migrate.schema;

import dev.migrate.Migrator;
import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** drift, test and revision --autogenerate on real SQLite files, through the CLI. */
class SqliteSchemaCliTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(work.resolve("migrations"));
        files.write("001", "none", "CREATE TABLE quizzes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, score INT);\n"
                + "CREATE INDEX ix_title ON quizzes (title);", "DROP TABLE quizzes;");
    }

    private Cli.Result migrate(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--dir", files.dir().toString())).toArray(String[]::new);
        return cli.run(all);
    }

    private String url(String name) {
        return "jdbc:sqlite:" + work.resolve(name);
    }

    @Test
    void testReportsADowngradeThatDoesNotRestoreTheSchemaWithTheDiff() {
        files.write("002", "001", "ALTER TABLE quizzes ADD COLUMN note TEXT;\nCREATE INDEX ix_note ON quizzes (note);",
                "DROP INDEX ix_note;");
        Cli.Result result = migrate("test", "--url", url("never.db"));
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("  ok      001"), result.toString());
        // The downgrade left the column behind, so the second upgrade cannot add it again.
        assertTrue(result.out().contains("FAILED  002, revision 002: upgrade after its downgrade failed"), result.toString());
        assertTrue(result.out().contains("its downgrade did not restore the schema (before upgrade -> after downgrade):\n"
                + "      + column quizzes.note\n"), result.toString());
        assertFalse(Files.exists(work.resolve("never.db")), "the --url database is never touched");

        files.write("002", "001", "ALTER TABLE quizzes ADD COLUMN note TEXT;\nCREATE INDEX ix_note ON quizzes (note);",
                "DROP INDEX ix_note;\nALTER TABLE quizzes DROP COLUMN note;");
        Cli.Result fixed = migrate("test", "--format", "json");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("\"outcome\" : \"passed\""), fixed.toString());
    }

    @Test
    void testLimitsToFromAndTo() {
        files.write("002", "001", "CREATE TABLE a (id INT);", "");
        files.write("003", "002", "CREATE TABLE b (id INT);", "DROP TABLE b;");
        Cli.Result only = migrate("test", "--from", "003", "--to", "003");
        assertEquals(0, only.exitCode(), only.toString());
        assertFalse(only.out().contains("002"), only.toString());
        Cli.Result all = migrate("test");
        assertEquals(3, all.exitCode(), all.toString());
        assertTrue(all.out().contains("      + table a"), all.toString());
    }

    @Test
    void testCatchesBranchesThatDoNotCommuteAndPassesThoseThatDo() {
        files.write("a1", "001", "CREATE TABLE left_side (id INT);", "DROP TABLE left_side;");
        files.write("b1", "001", "CREATE TABLE right_side (id INT);", "DROP TABLE right_side;");
        files.write("m", "a1, b1", "", "");
        Cli.Result commuting = migrate("test");
        assertEquals(0, commuting.exitCode(), commuting.toString());
        assertTrue(commuting.out().contains("ok      branches of merge m: a1 and b1 commute"), commuting.toString());

        // One branch re-creates a table, the other constrains it: the constraint survives in one order only.
        files.write("a1", "001", "DROP TABLE IF EXISTS settings;\nCREATE TABLE settings (k TEXT);",
                "DROP TABLE settings;");
        files.write("b1", "001", "CREATE TABLE IF NOT EXISTS settings (k TEXT);\n"
                + "CREATE UNIQUE INDEX ux_k ON settings (k);", "DROP INDEX ux_k;");
        Cli.Result lost = migrate("test");
        assertEquals(3, lost.exitCode(), lost.toString());
        assertTrue(lost.out().contains("ORDER   branches of merge m: a1 and b1 do not commute\n"
                + "    a1 first -> b1 first:\n      - index ux_k\n"), lost.toString());
        assertTrue(lost.out().contains("Fix: make one branch depend on the other"), lost.toString());

        // In one order a branch cannot even run: SQLite refuses to drop a column an index uses.
        files.write("a1", "001", "ALTER TABLE quizzes DROP COLUMN score;\nALTER TABLE quizzes ADD COLUMN score INT;",
                "");
        files.write("b1", "001", "CREATE UNIQUE INDEX ux_score ON quizzes (score);", "DROP INDEX ux_score;");
        Cli.Result clash = migrate("test");
        assertEquals(3, clash.exitCode(), clash.toString());
        assertTrue(clash.out().contains("ORDER   branches of merge m: a1 and b1 do not commute"), clash.toString());
        assertTrue(clash.out().contains("applying b1's branch before a1's failed"), clash.toString());
    }

    @Test
    void driftReportsAColumnDroppedByHandAndIsQuietOnACleanDatabase() {
        SqliteFile database = new SqliteFile(work.resolve("app.db"));
        assertEquals(0, migrate("upgrade", "head", "--url", database.url()).exitCode());
        Cli.Result clean = migrate("drift", "--url", database.url());
        assertEquals(0, clean.exitCode(), clean.toString());
        assertTrue(clean.out().startsWith("No drift"), clean.toString());

        database.execute("ALTER TABLE quizzes DROP COLUMN score");
        Cli.Result drifted = migrate("drift", "--url", database.url());
        assertEquals(3, drifted.exitCode(), drifted.toString());
        assertTrue(drifted.out().contains("  - column quizzes.score\n"), drifted.toString());
        Cli.Result json = migrate("drift", "--url", database.url(), "--format", "json");
        assertEquals(3, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"text\" : \"- column quizzes.score\""), json.toString());
    }

    @Test
    void autogenerateRoundTripsAndItsDowngradeRestoresTheHeadSchema() throws IOException {
        files.write("001a", "001", "CREATE TABLE notes (id INTEGER PRIMARY KEY);", "DROP TABLE notes;");
        SqliteFile dev = new SqliteFile(work.resolve("dev.db"));
        assertEquals(0, migrate("upgrade", "head", "--url", dev.url()).exitCode());
        for (String change : List.of(
                "ALTER TABLE notes ADD COLUMN body TEXT", // ALTER TABLE can do this one: no rebuild
                "CREATE TABLE authors (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)",
                "ALTER TABLE quizzes DROP COLUMN score", // via rebuild
                "ALTER TABLE quizzes ADD COLUMN author_id INTEGER REFERENCES authors(id) ON DELETE SET NULL",
                "ALTER TABLE quizzes ADD COLUMN level INT NOT NULL DEFAULT 1 CHECK (level > 0)",
                "DROP INDEX ix_title",
                "CREATE INDEX ix_level ON quizzes (level) WHERE level > 1",
                "CREATE VIEW v_authors AS SELECT id, email FROM authors",
                // A view on a view, named so that name order would create it first.
                "CREATE VIEW a_top AS SELECT email FROM v_authors",
                "CREATE VIEW z_emails AS SELECT email FROM v_authors")) { // name order would drop it last
            dev.execute(change);
        }
        Cli.Result generated = migrate("revision", "--autogenerate", "-m", "from dev", "--rev-id", "002",
                "--from-url", dev.url());
        assertEquals(0, generated.exitCode(), generated.toString());
        assertTrue(generated.out().contains("  + table authors"), generated.toString());
        String text = Files.readString(files.dir().resolve("002_from_dev.sql"));
        assertTrue(text.contains("ALTER TABLE \"migrate_new_quizzes\" RENAME TO \"quizzes\""), text);
        String upgrade = text.substring(0, text.indexOf("-- migrate:downgrade"));
        String downgrade = text.substring(text.indexOf("-- migrate:downgrade"));
        assertTrue(upgrade.indexOf("CREATE VIEW v_authors") < upgrade.indexOf("CREATE VIEW a_top"),
                "a view is created after the view it reads:\n" + text);
        assertTrue(downgrade.indexOf("DROP VIEW \"z_emails\"") < downgrade.indexOf("DROP VIEW \"v_authors\""),
                "and dropped before it:\n" + text);
        assertTrue(upgrade.contains("ALTER TABLE \"notes\" ADD COLUMN \"body\" TEXT;"), text);
        assertFalse(upgrade.contains("migrate_new_notes"), "a table that only gains a column is not rebuilt:\n" + text);

        SqliteFile fresh = new SqliteFile(work.resolve("fresh.db"));
        assertEquals(0, migrate("upgrade", "001", "--url", fresh.url()).exitCode());
        fresh.execute("INSERT INTO quizzes (id, title, score) VALUES (7, 'kept through the rebuild', 3)");
        assertEquals(0, migrate("upgrade", "head", "--url", fresh.url()).exitCode());
        assertEquals(List.of("7|kept through the rebuild|1"), fresh.query("SELECT id || '|' || title || '|' || level FROM quizzes"),
                "the rebuilt table keeps its rows, and the new column takes its default");
        SchemaDiff diff = SchemaDiff.between(Migrator.builder().url(fresh.url()).dir(files.dir()).build().schema(),
                Migrator.builder().url(dev.url()).dir(files.dir()).build().schema());
        assertEquals(List.of(), diff.lines(""), text);
        Cli.Result tested = migrate("test");
        assertEquals(0, tested.exitCode(), tested + "\n" + text);

        Cli.Result nothing = migrate("revision", "--autogenerate", "-m", "again", "--from-url", dev.url());
        assertEquals(0, nothing.exitCode(), nothing.toString());
        assertTrue(nothing.out().contains("No changes"), nothing.toString());
        try (Stream<Path> listed = Files.list(files.dir())) {
            assertEquals(3, listed.count(), "nothing written when nothing changed");
        }
    }

    @Test
    void autogenerateKeepsARenameLookalikeCommentedOut() throws IOException {
        SqliteFile dev = new SqliteFile(work.resolve("dev.db"));
        assertEquals(0, migrate("upgrade", "head", "--url", dev.url()).exitCode());
        dev.execute("ALTER TABLE quizzes RENAME COLUMN score TO points");
        Cli.Result generated = migrate("revision", "--autogenerate", "-m", "rename", "--rev-id", "002",
                "--from-url", dev.url());
        assertEquals(0, generated.exitCode(), generated.toString());
        String text = Files.readString(files.dir().resolve("002_rename.sql"));
        assertTrue(text.contains("-- WARNING: table quizzes loses column(s) score and gains points. If this is a "
                + "rename, write ALTER TABLE \"quizzes\" RENAME COLUMN \"score\" TO \"points\""), text);
        assertTrue(text.contains("-- DROP TABLE \"quizzes\";"), text);
        assertFalse(text.lines().anyMatch(line -> line.startsWith("DROP TABLE")), text);
    }

    @Test
    void schemaPrintsTheModelThatDriftComparesAndWritesNothing() {
        SqliteFile database = new SqliteFile(work.resolve("app.db"));
        assertEquals(0, migrate("upgrade", "head", "--url", database.url()).exitCode());
        database.execute("CREATE VIEW v_titles AS SELECT title FROM quizzes");
        long modified = database.path().toFile().lastModified();
        // No migrations folder is needed to read a schema.
        Cli.Result result = cli.run("schema", "--url", database.url(), "--dir", work.resolve("absent").toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("SQLite file " + database.path() + ": 1 table, 3 columns, 1 index, 1 view\n"
                + "table quizzes: primary key (id)\n"
                + "  column id: type INTEGER; nullable yes\n"
                + "  column title: type TEXT; nullable no\n"
                + "  column score: type INT; nullable yes\n"
                + "  index ix_title: definition CREATE INDEX ix_title ON quizzes (title)\n"
                + "view v_titles: definition CREATE VIEW v_titles AS SELECT title FROM quizzes\n", result.out());
        assertFalse(result.out().contains("migrate_version"), "migrate's own table is left out");
        assertEquals(modified, database.path().toFile().lastModified(), "reading writes nothing");

        Cli.Result json = cli.run("schema", "--url", database.url(), "--format", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"name\" : \"quizzes.title\",\n    \"table\" : \"quizzes\",\n"
                + "    \"position\" : 2,\n    \"properties\" : {\n      \"type\" : \"TEXT\",\n"
                + "      \"nullable\" : \"no\"\n    }"), json.toString());
        assertTrue(json.out().contains("\"depends_on\" : [ \"quizzes\" ]"), json.toString());

        Cli.Result missing = cli.run("schema", "--url", url("missing.db"));
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("missing.db does not exist; there is no schema to read. Check --url"),
                missing.toString());
        assertFalse(Files.exists(work.resolve("missing.db")), "no database is created to be read");
    }
}
