package dev.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
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

/** check's exit code for each kind of problem, and the JSON documents, parsed back. */
class CheckJsonCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path work;
    private MigrationFiles files;
    private SqliteFile db;
    private final Cli cli = new Cli();

    @BeforeEach
    void linearFolder() {
        files = new MigrationFiles(work.resolve("migrations"));
        db = new SqliteFile(work.resolve("app.db"));
        files.table("a1", "none");
        files.table("b2", "a1");
    }

    private Cli.Result check(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--dir", files.dir().toString()));
        args.addAll(Arrays.asList(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private void assertCheckFails(String expected, String... extra) {
        Cli.Result result = check(extra);
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains(expected), "expected '" + expected + "' in:\n" + result.out());
    }

    @Test
    void everyKindOfProblemExits3() throws IOException {
        assertEquals(0, check().exitCode());
        files.table("c3", "b22");
        assertCheckFails("down_revision names b22, which is not a revision in this folder; closest existing ids: b2");
        Files.delete(files.dir().resolve("c3_revision.sql"));

        files.table("c3", "d4");
        files.table("d4", "c3");
        assertCheckFails("cycle in down_revision/depends_on");
        Files.delete(files.dir().resolve("c3_revision.sql"));
        Files.delete(files.dir().resolve("d4_revision.sql"));

        files.writeRaw("dup", "-- revision: b2\n-- down_revision: a1\n-- migrate:upgrade\n");
        assertCheckFails("duplicate revision id");
        Files.delete(files.dir().resolve("dup_revision.sql"));

        Files.writeString(files.dir().resolve("notes.sql"), "SELECT 'a script someone left here';\n");
        assertCheckFails("notes.sql: is not a migration: it has no '-- revision:' header and no '-- migrate:upgrade' "
                + "line. Move it out of the migrations folder");
        assertEquals(1, JSON.readTree(check("--format", "json").out()).get("problems").size(),
                "one problem for a script, not one per statement");
        Files.delete(files.dir().resolve("notes.sql"));

        Files.writeString(files.dir().resolve("generate.py"), "print('stray')\n");
        assertCheckFails("generate.py: is not a migration");
        Files.delete(files.dir().resolve("generate.py"));
        Files.writeString(files.dir().resolve("README.md"), "# notes are fine\n");
        assertEquals(0, check().exitCode());

        files.write("c3", "b2", "CREATE TABLE t_c3 (id INTEGER);", null);
        assertEquals(0, check().exitCode());
        assertCheckFails("revision c3: has no downgrade (--require-downgrade)", "--require-downgrade");

        files.table("x1", "a1");
        assertEquals(0, check().exitCode());
        assertCheckFails("2 heads (c3, x1)", "--single-head");
    }

    @Test
    void aLongPendingListIsShortenedInTextAndWholeInJson() throws IOException {
        String previous = "b2";
        for (int i = 3; i <= 30; i++) {
            files.table("r" + i, previous);
            previous = "r" + i;
        }
        db.execute("CREATE TABLE app_data (id INTEGER)");
        Cli.Result text = check("--url", db.url());
        assertTrue(text.out().contains("30 pending (a1, b2, r3, r4, r5, ... (20 more), r26, r27, r28, r29, r30)"),
                text.out());
        JsonNode json = JSON.readTree(check("--url", db.url(), "--format", "json").out());
        assertEquals(30, json.get("pending").size(), json.toString());
    }

    @Test
    void aStrayFileOrAStatementProblemHidesNoOtherProblem() throws IOException {
        files.write("c3", "b2", "CREATE TABLE t_c3 (id INTEGER);\nCOMMIT;", "");
        files.table("x1", "a1");
        Files.writeString(files.dir().resolve("notes.yaml"), "stray: true\n");
        Files.writeString(files.dir().resolve("000_seed.sql"), "-- Seed data\n-- Author: bob\nINSERT INTO t VALUES (1);\n");
        Cli.Result result = check("--require-downgrade", "--single-head");
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("000_seed.sql: is not a migration: it has no '-- revision:' header"),
                result.out());
        assertFalse(result.out().contains("Author"), "a seed's comments are not header typos: " + result.out());
        for (String expected : List.of("notes.yaml: is not a migration", "c3_revision.sql:7: revision c3: 'COMMIT'",
                "the downgrade section is empty (--require-downgrade)", "2 heads (c3, x1)")) {
            assertTrue(result.out().contains(expected), "expected '" + expected + "' in:\n" + result.out());
        }
    }

    @Test
    void aDatabaseThatCannotBeReadHidesNoProblemOfTheFolder() throws IOException {
        Files.writeString(files.dir().resolve("notes.yaml"), "stray: true\n");
        Files.writeString(db.path(), "this is not a SQLite database, but it is long enough to be read as one".repeat(20));
        Cli.Result text = check("--url", db.url());
        assertEquals(1, text.exitCode(), "the database could not be reached: " + text);
        assertTrue(text.out().startsWith("1 problem in " + files.dir() + ":"), "the folder's, not the database's: "
                + text.out());
        assertTrue(text.out().contains("notes.yaml: is not a migration"), text.out());
        assertTrue(text.err().startsWith("error: "), text.err());
        assertTrue(text.err().contains(db.path() + " is not a SQLite database"), text.err());
        assertTrue(text.err().contains("Check the path in --url"), text.err());
        assertFalse(text.out().contains("OK"), text.out());

        Cli.Result json = check("--url", db.url(), "--format", "json");
        assertEquals(1, json.exitCode(), json.toString());
        JsonNode document = JSON.readTree(json.out());
        assertFalse(document.get("ok").asBoolean(), document.toString());
        assertEquals(1, document.get("problems").size(), document.toString());
        assertTrue(document.get("database_error").asText().contains("not a database"), document.toString());
        assertTrue(document.get("pending").isNull(), "unknown, not none: " + document);
        Cli.Result verbose = check("--url", db.url(), "-v");
        assertTrue(verbose.err().contains("Caused by: org.sqlite.SQLiteException"), "the driver's error under -v: "
                + verbose.err());

        Files.delete(files.dir().resolve("notes.yaml"));
        Cli.Result onlyTheDatabase = check("--url", db.url());
        assertEquals(1, onlyTheDatabase.exitCode(), onlyTheDatabase.toString());
        assertEquals("", onlyTheDatabase.out(), "no problem to list, and no OK: " + onlyTheDatabase);
        assertTrue(onlyTheDatabase.err().contains("not a database"), onlyTheDatabase.err());
        assertEquals(JSON.readTree("null"), JSON.readTree(check("--format", "json").out()).get("database_error"),
                "no database asked, no database error");
    }

    @Test
    void aChildOfAFileWithAHeaderTypoIsNotToldItsParentIsMissing() throws IOException {
        files.writeRaw("c3", "-- revision: c3\n-- down_revison: b2\n\n-- migrate:upgrade\nCREATE TABLE t (id INTEGER);\n");
        files.table("d4", "c3");
        Cli.Result result = check();
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("unknown header key 'down_revison'"), result.out());
        assertTrue(result.out().contains("revision d4: down_revision names c3, whose file is not a valid migration yet"),
                result.out());
        assertFalse(result.out().contains("c3, which is not a revision in this folder"), result.out());
        Cli.Result heads = cli.run("heads", "--dir", files.dir().toString());
        assertTrue(heads.err().contains("names c3, whose file is not a valid migration yet"), heads.err());
    }

    @Test
    void aBrokenGraphSaysTheDatabaseWasNotCompared() {
        files.table("c3", "b22");
        Cli.Result result = check("--url", db.url());
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("down_revision names b22"), result.out());
        assertTrue(result.out().contains("the database at SQLite file " + db.path() + " was not compared with the "
                + "folder"), result.out());
        assertFalse(check().out().contains("not compared"), "no database asked, none mentioned");
    }

    @Test
    void checkWithUrlRequiresTheDatabaseAtHead() {
        Cli.Result missing = check("--url", db.url());
        assertEquals(3, missing.exitCode(), missing.toString());
        assertTrue(missing.out().contains("there is no database at SQLite file " + db.path()), missing.out());
        assertFalse(missing.out().contains("pending"), "a mistyped path is not an empty database: " + missing.out());
        assertFalse(Files.exists(db.path()), "check creates nothing");

        db.execute("CREATE TABLE app_data (id INTEGER)");
        Cli.Result behind = check("--url", db.url());
        assertEquals(3, behind.exitCode(), behind.toString());
        assertTrue(behind.out().contains("2 pending (a1, b2)"), behind.out());
        assertEquals(0, cli.run("upgrade", "--dir", files.dir().toString(), "--url", db.url()).exitCode());
        Cli.Result atHead = check("--url", db.url());
        assertEquals(0, atHead.exitCode(), atHead.toString());
        assertTrue(atHead.out().contains("database at head."), atHead.out());

        files.table("x1", "a1"); // a second branch
        assertEquals(0, cli.run("upgrade", "heads", "--dir", files.dir().toString(), "--url", db.url()).exitCode());
        Cli.Result atHeads = check("--url", db.url());
        assertEquals(0, atHeads.exitCode(), atHeads.toString());
        assertTrue(atHeads.out().contains("2 heads (b2, x1), database at heads."), atHeads.out());
    }

    @Test
    void jsonDocumentsParseBack() throws IOException {
        String url = db.url();
        String dir = files.dir().toString();
        assertEquals(0, cli.run("upgrade", "a1", "--dir", dir, "--url", url).exitCode());

        JsonNode current = JSON.readTree(cli.run("current", "--format", "json", "--dir", dir, "--url", url).out());
        assertEquals("a1", current.get("revisions").get(0).get("id").asText());
        assertFalse(current.get("revisions").get(0).get("head").asBoolean());
        assertFalse(current.get("at_base").asBoolean());

        JsonNode history = JSON.readTree(cli.run("history", "--format", "json", "--dir", dir, "--url", url).out());
        assertEquals(2, history.get("revisions").size());
        JsonNode newest = history.get("revisions").get(0);
        assertEquals("b2", newest.get("id").asText());
        assertEquals("a1", newest.get("down_revisions").get(0).asText());
        assertTrue(newest.get("head").asBoolean());
        assertTrue(newest.get("has_downgrade").asBoolean());
        assertTrue(history.get("revisions").get(1).get("current").asBoolean());
        assertTrue(newest.get("path").asText().endsWith("b2_revision.sql"));

        JsonNode heads = JSON.readTree(cli.run("heads", "--format", "json", "--dir", dir).out());
        assertEquals("b2", heads.get("revisions").get(0).get("id").asText());
        JsonNode show = JSON.readTree(cli.run("show", "a1", "--format", "json", "--dir", dir).out());
        assertEquals("revision a1", show.get("message").asText());

        files.table("c3", "zz");
        Cli.Result failed = cli.run("check", "--format", "json", "--dir", dir);
        assertEquals(3, failed.exitCode());
        JsonNode report = JSON.readTree(failed.out());
        assertFalse(report.get("ok").asBoolean());
        JsonNode problem = report.get("problems").get(0);
        assertEquals("c3", problem.get("revision").asText());
        assertTrue(problem.get("file").asText().endsWith("c3_revision.sql"));
        assertTrue(problem.get("message").asText().contains("zz"));
        assertEquals(2, cli.run("current", "--format", "yaml", "--dir", dir, "--url", url).exitCode());
    }

    @Test
    void completionScripts() {
        Cli.Result bash = cli.run("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.toString());
        assertTrue(bash.out().contains("complete -F") && bash.out().contains("upgrade") && bash.out().contains("--url"),
                bash.out().substring(0, Math.min(400, bash.out().length())));
        Cli.Result zsh = cli.run("completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit") && zsh.out().contains("bashcompinit"));
        assertEquals(2, cli.run("completion", "fish").exitCode());
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        assertTrue(Colors.enabled(true, Map.of()));
        assertFalse(Colors.enabled(false, Map.of()));
        assertFalse(Colors.enabled(true, Map.of("NO_COLOR", "")));
        assertFalse(Colors.enabled(true, Map.of("TERM", "dumb")));
        Cli.Result piped = cli.run("upgrade", "--dir", files.dir().toString(), "--url", db.url());
        assertFalse(piped.out().contains("\u001b["), piped.out());
        Cli.Result error = cli.run("upgrade", "zz", "--dir", files.dir().toString(), "--url", db.url());
        assertTrue(error.err().startsWith("error: "), error.err());
    }
}
