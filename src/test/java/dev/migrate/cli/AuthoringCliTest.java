package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** init, revision, merge and branches, on real folders, and what upgrade then makes of the files they wrote. */
class AuthoringCliTest {
    @TempDir
    Path work;

    private Path dir() {
        return work.resolve("migrations");
    }

    private Cli.Result run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--dir=" + dir());
        all.add("--url=jdbc:sqlite:" + work.resolve("app.db"));
        return new Cli(env).run(all.toArray(String[]::new));
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = run(Map.of(), args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private Path written(Cli.Result result) {
        Path file = Path.of(result.out().trim());
        assertTrue(Files.isRegularFile(file), "printed path " + file + " exists");
        return file;
    }

    /** An author filling in a new revision's upgrade. */
    private static Path filled(Path file, String sql) throws IOException {
        Files.writeString(file, Files.readString(file).replace("-- migrate:upgrade\n", "-- migrate:upgrade\n" + sql + "\n"));
        return file;
    }

    private static String header(Path file, String key) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("-- " + key + ": "))
                .map(l -> l.substring(("-- " + key + ": ").length())).findFirst().orElse(null);
    }

    @Test
    void revisionsOnEmptyThenLinearFolder() throws IOException {
        Files.createDirectories(dir());
        Path first = written(ok("revision", "-m", "Create the users table!"));
        assertTrue(Pattern.matches("[0-9a-f]{12}_create_the_users_table\\.sql", first.getFileName().toString()),
                first.getFileName().toString());
        assertEquals("none", header(first, "down_revision"));
        String firstId = header(first, "revision");

        Path second = written(ok("revision", "-m", "add email"));
        assertEquals(firstId, header(second, "down_revision"));
        filled(first, "CREATE TABLE users (id INTEGER);");
        Cli.Result unwritten = run(Map.of(), "upgrade");
        assertEquals(2, unwritten.exitCode(), "the second revision's upgrade is still empty: " + unwritten);
        assertTrue(unwritten.err().contains("the upgrade section is empty"), unwritten.err());
        filled(second, "ALTER TABLE users ADD COLUMN email TEXT;");
        ok("upgrade");
        assertEquals(List.of(header(second, "revision")), new SqliteFile(work.resolve("app.db")).versions());
    }

    @Test
    void branchedFolderRefusesThenHeadThenMerge() throws IOException {
        Files.createDirectories(dir());
        String root = header(filled(written(ok("revision", "-m", "root", "--rev-id", "r0")), "-- migrate:nothing"),
                "revision");
        filled(written(ok("revision", "-m", "left", "--rev-id", "l1")), "-- migrate:nothing");
        Cli.Result spliceRefused = run(Map.of(), "revision", "-m", "right", "--head", root);
        assertEquals(2, spliceRefused.exitCode(), spliceRefused.toString());
        assertTrue(spliceRefused.err().contains("--splice"), spliceRefused.err());
        filled(written(ok("revision", "-m", "right", "--rev-id", "r1", "--head", root, "--splice", "--branch-label",
                "billing")), "-- migrate:nothing");

        Cli.Result refused = run(Map.of(), "revision", "-m", "ambiguous");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("2 heads (l1, r1)") && refused.err().contains("migrate merge"), refused.err());

        Path onRight = filled(written(ok("revision", "-m", "more billing", "--head", "billing@head", "--rev-id", "r2")),
                "-- migrate:nothing");
        assertEquals("r1", header(onRight, "down_revision"));
        String branches = ok("branches").out();
        assertTrue(branches.contains("r0 (branchpoint)") && branches.contains("-> r1 [billing]"), branches);

        // Branch labels as targets.
        ok("upgrade", "billing@head");
        assertEquals(List.of("r2"), new SqliteFile(work.resolve("app.db")).versions());
        ok("downgrade", "billing@-1");
        assertEquals(List.of("r1"), new SqliteFile(work.resolve("app.db")).versions());
        ok("upgrade", "billing@+1");
        assertEquals(List.of("r2"), new SqliteFile(work.resolve("app.db")).versions());

        Path merge = written(ok("merge", "-m", "join billing"));
        assertEquals("l1, r2", header(merge, "down_revision"));
        assertEquals(1, ok("heads").out().lines().count());
        ok("upgrade", "head");
        assertEquals(List.of(header(merge, "revision")), new SqliteFile(work.resolve("app.db")).versions());
        assertEquals(2, run(Map.of(), "merge", "-m", "nothing left").exitCode());
        Cli.Result again = run(Map.of(), "merge", "-m", "twice", "l1", "r2");
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("l1, r2 are joined already, by " + header(merge, "revision")), again.err());
        assertEquals(1, ok("heads").out().lines().count(), "no second head written");
    }

    @Test
    void mergeTakesTheIdItIsGiven() throws IOException {
        Files.createDirectories(dir());
        ok("revision", "-m", "root", "--rev-id", "r0");
        ok("revision", "-m", "left", "--rev-id", "l1", "--head", "r0");
        ok("revision", "-m", "right", "--rev-id", "r1", "--head", "r0", "--splice");

        Cli.Result taken = run(Map.of(), "merge", "-m", "join", "--rev-id", "l1");
        assertEquals(2, taken.exitCode(), taken.toString());
        assertTrue(taken.err().contains("Revision l1 already exists"), taken.err());
        assertEquals(2, ok("heads").out().lines().count(), "a refused merge writes nothing");

        for (String odd : List.of("+1", "base", "l1+99999999999")) {
            Cli.Result refused = run(Map.of(), "merge", "-m", "join", "l1", odd);
            assertEquals(2, refused.exitCode(), odd + ": " + refused);
            assertFalse(refused.err().contains("internal error"), refused.err());
        }
        Cli.Result redundant = run(Map.of(), "merge", "-m", "join", "l1", "r0");
        assertEquals(2, redundant.exitCode(), redundant.toString());
        assertTrue(redundant.err().contains("r0 comes before l1 already"), redundant.err());

        Path merge = written(ok("merge", "-m", "join", "--rev-id", "m2", "heads"));
        assertEquals("m2", header(merge, "revision"));
        assertEquals("l1, r1", header(merge, "down_revision"));
        assertEquals(List.of("m2"), ok("heads").out().lines().map(line -> line.split(" ")[0]).toList());
    }

    @Test
    void sequentialAndTimestampIds() throws IOException {
        Files.createDirectories(dir());
        Map<String, String> sequential = Map.of("MIGRATE_REVISION_ID", "sequential");
        List<String> ids = new ArrayList<>();
        for (String message : List.of("one", "two", "three")) {
            Cli.Result result = run(sequential, "revision", "-m", message);
            assertEquals(0, result.exitCode(), result.toString());
            ids.add(header(Path.of(result.out().trim()), "revision"));
        }
        assertEquals(List.of("001", "002", "003"), ids);
        assertTrue(Files.exists(dir().resolve("002_two.sql")));

        Files.writeString(work.resolve("migrate.toml"), "revision_id = \"timestamp\"\nfile_template = \"V<id>__<slug>.sql\"\n");
        Cli.Result stamped = run(Map.of(), "revision", "-m", "four", "--config", work.resolve("migrate.toml").toString());
        assertEquals(0, stamped.exitCode(), stamped.toString());
        Path file = Path.of(stamped.out().trim());
        assertTrue(Pattern.matches("V\\d{8}_\\d{6}__four\\.sql", file.getFileName().toString()), file.toString());
        assertEquals("003", header(file, "down_revision"));
    }

    @Test
    void javaRevisionCompilesAndRuns() throws IOException {
        Files.createDirectories(dir());
        filled(written(ok("revision", "-m", "first", "--rev-id", "a1")), "CREATE TABLE things (id INTEGER);");
        Path java = written(ok("revision", "-m", "backfill things", "--java", "--rev-id", "b2"));
        assertEquals("Vb2_BackfillThings.java", java.getFileName().toString());
        Cli.Result upgrade = ok("upgrade");
        assertTrue(upgrade.out().contains("Running upgrade a1 -> b2, backfill things"), upgrade.out());
        ok("downgrade", "base");
    }

    @Test
    void initCreatesAFolderAndCommentedSettingsButNeverOverwrites() throws IOException {
        // --config says where the settings go (and where later commands read them), so the test never writes
        // into the folder it runs in.
        Path project = work.resolve("project");
        Files.createDirectories(project);
        Path toml = project.resolve("migrate.toml");
        Cli.Result result = new Cli().run("init", project.resolve("db").toString(), "--config", toml.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(Files.isRegularFile(project.resolve("db").resolve("README.md")));
        assertTrue(Files.readString(toml).contains("dir = \"" + project.resolve("db") + "\""));
        Cli.Result again = new Cli().run("init", project.resolve("db").toString(), "--config", toml.toString());
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("already exists"), again.err());
        assertFalse(Files.exists(Path.of("migrate.toml")), "nothing was written into the working folder");
    }

    @Test
    void aRevisionIdThatIsOnlyTooLongSaysSo() throws IOException {
        Files.createDirectories(dir());
        Cli.Result tooLong = run(Map.of(), "revision", "-m", "x", "--rev-id", "a".repeat(70));
        assertEquals(2, tooLong.exitCode(), tooLong.toString());
        assertTrue(tooLong.err().contains("is 70 characters long; the limit is 64"), tooLong.toString());
        Cli.Result badCharacters = run(Map.of(), "revision", "-m", "x", "--rev-id", "a-b");
        assertTrue(badCharacters.err().contains("may use only letters, digits and '_'"), badCharacters.toString());
    }

    @Test
    void newFilesRecordWhenTheyWereCreatedAndHistoryShowsIt() throws IOException {
        Files.createDirectories(dir());
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Path file = written(ok("revision", "-m", "first"));
        String created = header(file, "created");
        java.time.Instant when = java.time.Instant.parse(created);
        assertTrue(!when.isBefore(before) && !when.isAfter(java.time.Instant.now()), created);
        String id = header(file, "revision");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0)); // the file time is not used
        String history = ok("history", "-v").out();
        assertTrue(history.contains("Path: " + file + "\nCreated: " + created + "\n"), history);
        assertEquals(created, showJson(id).get("created").asText());

        // A file without the header (older, or written by hand) has no creation time, rather than a made-up one.
        Files.writeString(file, Files.readString(file).replace("-- created: " + created + "\n", ""));
        assertFalse(ok("history", "-v").out().contains("Created:"));
        assertTrue(showJson(id).get("created").isNull());
    }

    private com.fasterxml.jackson.databind.JsonNode showJson(String id) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok("show", id, "--format", "json").out());
    }
}
