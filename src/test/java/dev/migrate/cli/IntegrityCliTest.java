package dev.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database remembers what ran, and migrate proves it: the log, checksums, accept, verify sections, stamp. */
class IntegrityCliTest extends SqliteProjectTest {
    private static final ObjectMapper JSON = new ObjectMapper();


    private JsonNode log() throws IOException {
        return JSON.readTree(ok("log", "--format", "json").out()).get("entries");
    }

    private Path file(String id) {
        return files.dir().resolve(id + "_revision.sql");
    }

    /** Adds a column to a revision's table in its file, as an edit after the migration ran. */
    private void editAfterItRan(String id) throws IOException {
        Files.writeString(file(id), Files.readString(file(id)).replace("PRIMARY KEY", "PRIMARY KEY, x TEXT"));
    }

    @Test
    void everyStepIsLoggedWithTheChecksumOfWhatRan() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        ok("downgrade", "-1");
        JsonNode entries = log();
        assertEquals(3, entries.size(), entries.toString());
        assertEquals("downgrade", entries.get(0).get("direction").asText(), "newest first");
        assertEquals("b2", entries.get(0).get("revision").asText());
        assertEquals("upgrade", entries.get(2).get("direction").asText());
        assertEquals("a1", entries.get(2).get("revision").asText());
        for (JsonNode entry : entries) {
            assertTrue(entry.get("checksum").asText().matches("[0-9a-f]{64}"), entry.toString());
            assertEquals(System.getProperty("user.name"), entry.get("os_user").asText());
            assertFalse(entry.get("migrate_version").asText().isEmpty());
            assertTrue(entry.get("duration_ms").asLong() >= 0);
        }
        assertNotEquals(entries.get(0).get("checksum"), entries.get(1).get("checksum"),
                "the downgrade's checksum is its own section's, not the upgrade's");
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of("3"), db.query("SELECT count(*) FROM migrate_version_log"));
        assertTrue(ok("log").out().lines().findFirst().orElseThrow().contains("downgrade  b2  sha "),
                ok("log").out());
    }

    @Test
    void theLogCanBeNarrowedToTheNewestEntriesAndToOneRevision() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        ok("downgrade", "-1");
        ok("upgrade");

        List<String> newest = ok("log", "-n", "2").out().lines().toList();
        assertEquals(2, newest.size(), newest.toString());
        assertTrue(newest.get(0).matches(".*upgrade +b2 .*") && newest.get(1).matches(".*downgrade +b2 .*"),
                newest.toString());

        JsonNode b2 = JSON.readTree(ok("log", "--revision", "b", "--format", "json").out()).get("entries");
        assertEquals(3, b2.size(), b2.toString());
        b2.forEach(entry -> assertEquals("b2", entry.get("revision").asText()));
        assertEquals(1, JSON.readTree(ok("log", "-r", "b2", "-n", "1", "--format", "json").out())
                .get("entries").size());

        Cli.Result unknown = migrate("log", "-r", "c3");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("The log names no revision 'c3'"), unknown.err());
        files.table("b3", "b2");
        ok("upgrade");
        Cli.Result ambiguous = migrate("log", "-r", "b");
        assertEquals(2, ambiguous.exitCode(), ambiguous.toString());
        assertTrue(ambiguous.err().contains("matches b2, b3"), ambiguous.err());
        assertEquals(2, migrate("log", "-n", "0").exitCode());

        Cli.Result empty = migrate("log", "-r", "");
        assertEquals(2, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("--revision needs a revision id"), empty.err());
        for (String targetLike : List.of("head", "+1", "b2-1", "main@head")) {
            Cli.Result target = migrate("log", "-r", targetLike);
            assertEquals(2, target.exitCode(), target.toString());
            assertTrue(target.err().contains("--revision takes an id, not a target such as head, current, +1 or "
                    + "label@head; `migrate show " + targetLike + "` names the revision it stands for"), target.err());
        }
        Cli.Result typo = migrate("log", "-r", "b9");
        assertFalse(typo.err().contains("not a target"), "an id that never ran is not a target: " + typo.err());

        files.table("c4_longer_id", "b3");
        ok("upgrade");
        ok("stamp", "b3");
        List<String> lines = ok("log").out().lines().toList();
        for (String column : List.of(" sha ", " root@", " " + System.getProperty("user.name") + "@")) {
            List<Integer> at = lines.stream().map(line -> line.indexOf(column)).filter(i -> i >= 0).distinct().toList();
            assertTrue(at.size() <= 1, "'" + column + "' stands in one column although ids, checksums and durations "
                    + "differ in length:\n" + String.join("\n", lines));
        }
    }

    @Test
    void aFailedMigrationLeavesNoLogRow() {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);\nINSERT INTO t_missing VALUES (1);", "DROP TABLE t_b2;");
        assertEquals(1, migrate("upgrade").exitCode());
        assertEquals(List.of("a1"), db.query("SELECT revision FROM migrate_version_log"));
    }

    @Test
    void aFileEditedAfterItRanIsCaughtAndCanBeAccepted() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        files.table("c3", "b2");
        // Line endings and trailing spaces are not edits.
        Files.writeString(file("a1"), Files.readString(file("a1")).replace("\n", "  \r\n"));
        Cli.Result crlf = migrate("status");
        assertEquals(0, crlf.exitCode(), "CRLF and trailing spaces are no edit: " + crlf);

        Files.writeString(file("a1"), Files.readString(file("a1")).replace("id INTEGER PRIMARY KEY",
                "id INTEGER PRIMARY KEY, name TEXT"));
        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains(file("a1") + ": revision a1: was applied on "), check.out());
        assertTrue(check.out().contains("but the file has changed since") && check.out().contains("`migrate accept a1`"),
                check.out());

        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("Applied migrations do not match their files; nothing was run"), upgrade.err());
        assertEquals(List.of("b2"), db.versions(), "c3 did not run");

        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("changed    a1"), status.out());
        assertTrue(status.out().contains("ok         b2"), status.out());

        ok("accept", "a1");
        assertEquals(0, migrate("status").exitCode(), migrate("status").toString());
        assertEquals("accept", log().get(0).get("direction").asText());
        ok("upgrade");
        assertEquals(List.of("c3"), db.versions());
    }

    @Test
    void aFileAcceptedThenPutBackAsItRanIsNotSaidToDifferFromWhatRan() throws IOException {
        files.table("a1", "none");
        ok("upgrade");
        String ran = Files.readString(file("a1"));
        editAfterItRan("a1");
        ok("accept", "a1");
        Files.writeString(file("a1"), ran);

        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), "the log's last word (the accept) disagrees with the file: " + check);
        assertTrue(check.out().contains("revision a1: was applied on ") && check.out().contains("from the SQL this "
                + "file holds now, but other SQL was accepted as what the database has on "), check.out());
        assertFalse(check.out().contains("the database ran other SQL"), "it ran this very SQL: " + check.out());
        assertTrue(check.out().contains("record that with `migrate accept a1`; otherwise restore the file as it was "
                + "accepted"), check.out());

        editAfterItRan("a1"); // the accepted text again, then an edit of that
        Files.writeString(file("a1"), Files.readString(file("a1")).replace("x TEXT", "y TEXT"));
        String edited = migrate("check").out();
        assertTrue(edited.contains("was accepted on ") && edited.contains("the file no longer holds the SQL accepted "
                + "as what the database has"), edited);
        assertFalse(edited.contains("the database ran other SQL"), edited);
    }

    @Test
    void anUpgradeOverWhatAStampLeftInPlaceSaysTheFixIsAStamp() {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        ok("stamp", "--purge", "a1"); // b2 marked not applied; its table stays

        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains("revision b2: is pending, but the log says it was applied here on ")
                && check.out().contains("`migrate upgrade` would fail on it. If the database has that schema, "
                + "record it with `migrate stamp b2`"), check.out());
        assertTrue(check.out().contains("Once the problems above are dealt with, `migrate upgrade head` applies "
                + "what is still pending."), "not a plain 'run upgrade', which would fail: " + check.out());

        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("t_b2 already exists"), upgrade.err());
        assertTrue(upgrade.err().contains("The log says b2 was applied here on ") && upgrade.err().contains(
                "then marked not applied on ") && upgrade.err().contains("If the database has that schema, record "
                + "it with `migrate stamp b2` and run the upgrade again."), upgrade.err());
        assertFalse(upgrade.err().contains("Fix the migration"), "the migration is not what is wrong: " + upgrade.err());

        ok("stamp", "b2");
        assertEquals(0, migrate("status").exitCode(), "the stamp keeps the checksum of what built b2");
        files.table("c3", "b2");
        ok("upgrade");
        assertEquals(List.of("c3"), db.versions());
    }

    @Test
    void theStampThatRepairsWhatAPurgeLeftNamesEveryBranchAndTheWholeRun() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "a1");
        files.table("d4", "c3");
        ok("upgrade", "heads");
        ok("stamp", "--purge", "a1");

        String check = migrate("check").out();
        assertTrue(check.contains("is pending, but the log says it was applied here on ") && check.contains(
                ", and the same of ") && check.contains("record it with `migrate stamp b2 d4`"), check);
        Cli.Result upgrade = migrate("upgrade", "heads");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        String advice = upgrade.err().lines().filter(line -> line.contains("The log says")).findFirst().orElseThrow();
        assertTrue(advice.contains("and the log says the same of ") && advice.contains("next in this upgrade"),
                advice);
        assertTrue(advice.contains("record it with `migrate stamp b2 d4` and run the upgrade again"), advice);

        ok("stamp", "b2", "d4");
        assertEquals(0, migrate("status").exitCode(), migrate("status").toString());
        assertEquals(List.of("b2", "d4"), db.versions());
        ok("upgrade", "heads");
        assertEquals(List.of("b2", "d4"), db.versions(), "nothing left to run");
    }

    @Test
    void aDowngradeOfRevisionsOnlyStampedSaysTheFixIsAStamp() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade", "a1");
        ok("stamp", "c3"); // b2 and c3 marked applied, their tables never created

        Cli.Result downgrade = migrate("downgrade", "a1");
        assertEquals(1, downgrade.exitCode(), downgrade.toString());
        assertTrue(downgrade.err().contains("The log says c3 was marked applied by a stamp on ") && downgrade.err()
                .contains("and never ran here: what its downgrade removes was probably never created, and the log "
                        + "says the same of b2, next in this downgrade"), downgrade.err());
        assertTrue(downgrade.err().contains("record it with `migrate stamp a1` and run the downgrade again."),
                downgrade.err());
        assertFalse(downgrade.err().contains("Fix the migration"), downgrade.err());

        ok("stamp", "a1");
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of("t_a1"), db.tables());
    }

    @Test
    void noStampIsAdvisedFromAPlanThatTransactionModeAllRolledBack() {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        db.execute("DROP TABLE t_a1");
        ok("stamp", "--purge", "base"); // a1's table is gone; b2's stays

        Cli.Result upgrade = migrate("upgrade", "--transaction-mode", "all");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("t_b2 already exists") && upgrade.err().contains("whole run was rolled "
                + "back"), upgrade.err());
        assertFalse(upgrade.err().contains("migrate stamp b2"), "a1 was rolled back with the run: stamping b2 would "
                + "record it applied: " + upgrade.err());
        assertEquals(List.of(), db.versions());
    }

    @Test
    void anAlreadyExistsFailureWithoutAStampInTheLogIsTheMigrationsOwn() {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_a1 (id INTEGER);", "SELECT 1;");
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("Fix the migration") && !upgrade.err().contains("The log says"),
                upgrade.err());
    }

    @Test
    void aFileEditedBeforeAStampAwayAndBackIsSaidToDifferFromWhatRan() throws IOException {
        files.table("a1", "none");
        ok("upgrade");
        editAfterItRan("a1");
        ok("stamp", "base");
        ok("stamp", "a1"); // the stamp keeps the checksum of what the upgrade ran

        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains("revision a1: was applied on ") && check.out().contains(
                "the database ran other SQL than this file holds"), check.out());
        assertFalse(check.out().contains("was stamped on"), "the stamp recorded what ran, not the file: " + check.out());
    }

    @Test
    void aRevisionOnlyStampedKeepsTheTextItWasStampedWith() throws IOException {
        files.table("a1", "none");
        ok("stamp", "a1"); // the log records the file's text as what the database has
        editAfterItRan("a1");
        ok("stamp", "base");
        ok("stamp", "a1"); // no schema changed: the record is still the first stamp's
        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), "the file changed after it was first stamped: " + status);
        assertTrue(status.out().contains("changed    a1"), status.out());
    }

    @Test
    void acceptSaysThereIsNothingToCompareForARevisionTheLogNeverRecorded() throws IOException {
        files.table("a1", "none");
        ok("upgrade");
        db.execute("DELETE FROM migrate_version_log"); // applied before the log existed
        editAfterItRan("a1");
        Cli.Result accept = ok("accept", "a1");
        assertTrue(accept.out().contains("Nothing was accepted: a1: the log recorded no text for it (applied before "
                + "the log), so there is nothing to compare or accept."), accept.out());
        assertFalse(accept.out().contains("still holds what the log recorded"), "the log recorded nothing: "
                + accept.out());
    }

    @Test
    void ignoreChangedRunsAnyway() throws IOException {
        files.table("a1", "none");
        ok("upgrade");
        files.table("b2", "a1");
        Files.writeString(file("a1"), Files.readString(file("a1")).replace("t_a1", "t_renamed"));
        assertEquals(1, migrate("upgrade").exitCode());
        ok("upgrade", "--ignore-changed");
        assertEquals(List.of("b2"), db.versions());
    }

    @Test
    void twoBranchesSequentialIdsAreCaughtOnTheDatabaseThatRanTheOther() {
        files.table("001", "none");
        files.write("002", "001", "CREATE TABLE t_alice (id INTEGER);", "DROP TABLE t_alice;");
        ok("upgrade");
        // Bob's branch has its own 002; after the merge of branches the folder holds his, the database ran Alice's.
        files.write("002", "001", "CREATE TABLE t_bob (id INTEGER);", "DROP TABLE t_bob;");
        files.table("003", "002");
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("revision 002: was applied on"), upgrade.err());
        assertEquals(List.of("002"), db.versions());
    }

    @Test
    void anAppliedRevisionWhoseFileIsGoneIsReportedAndItsIdNotHandedOutAgain() throws IOException {
        Files.writeString(work.resolve("migrate.toml"), "revision_id = \"sequential\"\n");
        files.table("001", "none");
        files.table("002", "001");
        ok("upgrade");
        ok("stamp", "001");
        Files.delete(file("002"));
        Cli.Result revision = cli.run("revision", "-m", "next", "--dir", files.dir().toString(), "--url", db.url(),
                "--config", work.resolve("migrate.toml").toString());
        assertEquals(0, revision.exitCode(), revision.toString());
        assertTrue(revision.out().trim().endsWith("003_next.sql"), "002 was used on this database: " + revision.out());
        Cli.Result reused = cli.run("revision", "-m", "again", "--rev-id", "002", "--dir", files.dir().toString(),
                "--url", db.url());
        assertEquals(2, reused.exitCode(), reused.toString());
        assertTrue(reused.err().contains("Revision id 002 was used before on this database"), reused.err());
    }

    @Test
    void aVerifySectionThatFindsNothingRollsTheMigrationBack() {
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1

                -- migrate:upgrade
                CREATE TABLE IF NOT EXISTS t_a1 (id INTEGER PRIMARY KEY);
                CREATE TABLE t_b2 (id INTEGER);

                -- migrate:verify
                SELECT count(*) = 1 FROM sqlite_master WHERE name = 't_b2';
                SELECT count(*) FROM pragma_table_info('t_a1') WHERE name = 'email';

                -- migrate:downgrade
                DROP TABLE t_b2;
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Upgrade of revision b2 failed in its verification at " + file("b2") + ":10"),
                result.err());
        assertTrue(result.err().contains("The verify query returned 0"), result.err());
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of(), db.query("SELECT name FROM sqlite_master WHERE name = 't_b2'"), "rolled back");

        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1

                -- migrate:upgrade
                ALTER TABLE t_a1 ADD COLUMN email TEXT;

                -- migrate:verify
                SELECT count(*) FROM pragma_table_info('t_a1') WHERE name = 'email';

                -- migrate:downgrade
                ALTER TABLE t_a1 DROP COLUMN email;
                """);
        ok("upgrade");
        assertEquals(List.of("b2"), db.versions());
    }

    @Test
    void aJavaMigrationsVerifyMethodCanFailIt() throws IOException {
        files.table("a1", "none");
        Files.writeString(files.dir().resolve("Backfill.java"), """
                import dev.migrate.api.*;
                import java.sql.*;

                @Revision(id = "b2", downRevision = "a1")
                public class Backfill implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (Statement s = context.connection().createStatement()) {
                            s.execute("INSERT INTO t_a1 VALUES (1)");
                        }
                    }
                    public void verify(MigrationContext context) throws Exception {
                        try (Statement s = context.connection().createStatement();
                             ResultSet rows = s.executeQuery("SELECT count(*) FROM t_a1")) {
                            rows.next();
                            if (rows.getInt(1) != 2) {
                                throw new IllegalStateException("expected 2 rows, found " + rows.getInt(1));
                            }
                        }
                    }
                }
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("The verify method threw java.lang.IllegalStateException: expected 2 "
                + "rows, found 1"), result.err());
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of(), db.query("SELECT id FROM t_a1"));
    }

    @Test
    void emptySectionsAreADecision() throws IOException {
        files.table("a1", "none");
        files.write("b2", "a1", "", "");
        Cli.Result check = cli.run("check", "--dir=" + files.dir());
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains(file("b2") + ":5: revision b2: the upgrade section is empty"), check.out());
        assertEquals(2, migrate("upgrade").exitCode());

        files.write("b2", "a1", "-- migrate:nothing", "");
        assertEquals(0, cli.run("check", "--dir=" + files.dir()).exitCode());
        Cli.Result strict = cli.run("check", "--require-downgrade", "--dir=" + files.dir());
        assertEquals(3, strict.exitCode(), strict.toString());
        assertTrue(strict.out().contains("revision b2: the downgrade section is empty (--require-downgrade)"),
                strict.out());
        files.write("b2", "a1", "-- migrate:nothing", "-- migrate:nothing");
        assertEquals(0, cli.run("check", "--require-downgrade", "--dir=" + files.dir()).exitCode());
    }

    @Test
    void stampSaysWhatItSkipsLogsItAndCanDryRun() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        Cli.Result dry = ok("stamp", "c3", "--dry-run");
        assertTrue(dry.err().contains("no tables besides migrate's own"), dry.err());
        assertTrue(dry.out().contains("would mark applied, not run:     a1") && dry.out().contains("c3"), dry.out());
        assertTrue(dry.out().contains("Would stamp migrate_version"), dry.out());
        assertFalse(Files.exists(db.path()), "a dry run writes nothing");

        ok("upgrade", "a1");
        Cli.Result stamp = ok("stamp", "c3");
        assertTrue(stamp.out().contains("marked applied, not run:     b2") && !stamp.out().contains("not run:     a1"),
                stamp.out());
        assertFalse(stamp.err().contains("no tables besides"), stamp.err());
        JsonNode entries = log();
        assertEquals("stamp", entries.get(0).get("direction").asText());
        assertEquals("c3", entries.get(0).get("revision").asText());
        assertEquals("stamp", entries.get(1).get("direction").asText());
        assertEquals("b2", entries.get(1).get("revision").asText());

        Cli.Result back = ok("stamp", "a1");
        assertTrue(back.out().contains("marked not applied, not run: c3"), back.out());
        assertEquals("unstamp", log().get(0).get("direction").asText());
    }

    @Test
    void statusShowsPendingAndAppliedAsJson() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade", "a1");
        JsonNode status = JSON.readTree(ok("status", "--format", "json").out());
        assertEquals("a1", status.get("rows").get(0).asText());
        assertEquals("b2", status.get("pending").get(0).asText());
        assertEquals("ok", status.get("applied").get(0).get("state").asText());
        assertEquals("upgrade", status.get("applied").get(0).get("applied_by").get("direction").asText());
    }

    @Test
    void anUpgradeScriptCanStartWhereTheDatabaseIs() {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade", "a1");
        String script = ok("upgrade", "current:head", "--sql").out();
        assertTrue(script.contains("CREATE TABLE t_b2"), script);
        assertFalse(script.contains("CREATE TABLE t_a1"), script);
        assertTrue(script.contains("UPDATE \"migrate_version\" SET version_num = 'b2' WHERE version_num = 'a1'"), script);
    }

    @Test
    void alembicsOwnVersionTableRoundTrips() {
        // The table exactly as Alembic creates it.
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
        db.execute("CREATE TABLE t_a1 (id INTEGER PRIMARY KEY)");
        db.execute("INSERT INTO alembic_version VALUES ('a1')");
        files.table("a1", "none");
        files.table("b2", "a1");
        assertEquals("a1\n", ok("current", "--version-table", "alembic_version").out());
        ok("upgrade", "--version-table", "alembic_version");
        assertEquals(List.of("b2"), db.query("SELECT version_num FROM alembic_version"));
        assertEquals(List.of("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"),
                db.query("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'"), "Alembic's format stays");
        assertEquals(List.of("b2"), db.query("SELECT revision FROM alembic_version_log"));
    }

    @Test
    void nothingToDoIsNoExcuseForAChangedFile() throws IOException {
        files.table("001", "none");
        files.table("002", "001");
        ok("upgrade");
        // The applied 002 is deleted and its id handed out again with other SQL: upgrade must not say "nothing to do".
        files.write("002", "001", "CREATE TABLE t_other (id INTEGER);", "DROP TABLE t_other;");
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("revision 002: was applied on"), upgrade.err());
        assertFalse(upgrade.out().contains("Nothing to do"), upgrade.out());
    }

    @Test
    void aRevisionRemovedOnPurposeIsAcceptedOrPurged() throws IOException {
        files.table("a", "none");
        files.table("b", "a");
        files.table("c", "b");
        ok("upgrade");
        // b is squashed into a: its file goes, c now follows a.
        Files.delete(file("b"));
        files.table("c", "a");
        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("missing    b"), status.out());
        Cli.Result refused = migrate("upgrade");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("`migrate accept b`"), refused.err());
        ok("accept", "b");
        assertEquals(0, migrate("status").exitCode(), migrate("status").toString());
        assertEquals("unstamp", log().get(0).get("direction").asText());
        assertEquals("b", log().get(0).get("revision").asText());
    }

    @Test
    void aPurgingStampForgetsRevisionsWhoseFilesAreGone() throws IOException {
        files.table("a", "none");
        files.table("b", "a");
        ok("upgrade");
        Files.delete(file("b"));
        Cli.Result stamp = ok("stamp", "--purge", "a");
        assertTrue(stamp.out().contains("marked not applied, not run: b"), stamp.out());
        assertEquals(0, migrate("status").exitCode(), migrate("status").toString());
    }

    @Test
    void theNewestRevisionsFileGoneIsShownAsMissingAndRepairedByAStamp() throws IOException {
        files.table("a", "none");
        files.table("b", "a");
        ok("upgrade");
        Files.delete(file("b"));

        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("missing    b"), status.out());
        assertTrue(status.out().contains("ok         a "), "the log still says a was applied: " + status.out());
        assertTrue(status.out().contains("Pending:     cannot tell"), status.out());
        assertTrue(status.out().contains("`migrate stamp --purge REVISION`"), status.out());
        assertFalse(status.out().contains("migrate accept"), "accept cannot move the version table: " + status.out());
        JsonNode json = JSON.readTree(migrate("status", "--format", "json").out());
        assertTrue(json.get("pending").isNull(), json.toString());
        assertEquals("b", json.get("unknown").get(0).asText(), json.toString());

        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("b: applied on "), upgrade.err());
        assertTrue(upgrade.err().contains("The newest log entry for a revision this folder has: upgrade a on "),
                upgrade.err());
        Cli.Result check = migrate("check"); // with the test's --url
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains("the version table still names it"), check.out());
        assertTrue(check.out().startsWith("1 problem in " + files.dir() + " and the database:"), check.out());
        assertFalse(check.out().contains("migrate accept b"), check.out());

        Cli.Result accept = migrate("accept", "--all");
        assertEquals(1, accept.exitCode(), accept.toString());
        assertTrue(accept.err().contains("Nothing was accepted: accept records edited or removed files")
                && accept.err().contains("`migrate stamp --purge REVISION`"), accept.err());

        ok("stamp", "--purge", "a");
        assertEquals(0, migrate("status").exitCode(), migrate("status").toString());
    }

    @Test
    void aPurgingStampKeepsTheChecksumOfWhatRanSoAnEditStaysVisible() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        editAfterItRan("a1");
        db.execute("UPDATE migrate_version SET version_num = 'bogus1'");

        Cli.Result stamp = ok("stamp", "--purge", "head");
        assertTrue(stamp.out().contains("bogus1") && !stamp.out().contains("marked applied"),
                "the log counts a1 and b2 as applied: " + stamp.out());
        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), "the stamp must not make the edited file look as it ran: " + status);
        assertTrue(status.out().contains("changed    a1"), status.out());
        assertTrue(status.out().contains("ok         b2"), status.out());
    }

    @Test
    void aPurgingStampOverAnUnknownRowForgetsWhatTheLogAppliedBeyondTheNewRows() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade");
        db.execute("UPDATE migrate_version SET version_num = 'bogus1'");
        Cli.Result stamp = ok("stamp", "--purge", "b2");
        assertTrue(stamp.out().contains("marked not applied, not run: c3"), stamp.out());
        // Should the row be lost again, the log must not bring c3 back as applied.
        db.execute("UPDATE migrate_version SET version_num = 'bogus2'");
        Cli.Result status = migrate("status");
        assertTrue(status.out().contains("ok         b2"), status.out());
        assertTrue(status.out().contains("Applied:     2"), "c3 was undone by the stamp: " + status.out());
    }

    @Test
    void aRevisionStampedAwayAndBackKeepsTheChecksumOfWhatRan() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade");
        editAfterItRan("c3");
        ok("stamp", "b2");
        ok("stamp", "head");
        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), "two stamps must not make the edited file look as it ran: " + status);
        assertTrue(status.out().contains("changed    c3"), status.out());

        // A downgrade undoes what ran: stamped back afterwards, the file's own text is what is recorded.
        ok("accept", "c3");
        ok("downgrade", "b2");
        Files.writeString(file("c3"), Files.readString(file("c3")).replace("x TEXT", "y TEXT"));
        ok("stamp", "head");
        assertEquals(0, migrate("status").exitCode(), migrate("status").toString());
    }

    @Test
    void theUnknownRowAdviceNamesWhereTheLogLastMovedTheDatabase() throws IOException {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        editAfterItRan("a1");
        ok("accept", "a1"); // the newest log row, but it records a file, not where the database is
        db.execute("UPDATE migrate_version SET version_num = 'bogus1'");
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("The newest log entry for a revision this folder has: upgrade b2 on "),
                upgrade.err());
    }

    @Test
    void statusShowsARowNoFileDeclaresInsteadOfRefusing() throws IOException {
        files.table("a1", "none");
        files.table("b22222", "a1");
        ok("upgrade");
        Cli.Result aligned = ok("status");
        List<String> applied = aligned.out().lines().filter(line -> line.startsWith("  ok")).toList();
        assertEquals(2, applied.size(), aligned.out());
        assertEquals(applied.get(0).indexOf("upgrade"), applied.get(1).indexOf("upgrade"),
                "columns line up: " + aligned.out());

        db.execute("INSERT INTO migrate_version VALUES ('zzz999')");
        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("Database at: b22222, zzz999"), status.out());
        assertTrue(status.out().contains("Unknown:     zzz999 (no file in"), status.out());
        assertTrue(status.out().contains("ok         a1"), status.out());
        assertTrue(status.err().isEmpty(), status.err());

        // A changed file beside the unknown row: both ways out are named.
        editAfterItRan("a1");
        Cli.Result both = migrate("status");
        assertEquals(3, both.exitCode(), both.toString());
        assertTrue(both.out().contains("changed    a1"), both.out());
        assertTrue(both.out().contains("`migrate stamp --purge REVISION`")
                && both.out().contains("once the version table is repaired, restore them, or `migrate accept"),
                both.out());
    }

    @Test
    void aScriptFromCurrentRefusesARevisionTheFolderDoesNotKnow() {
        files.table("a1", "none");
        ok("upgrade");
        db.execute("UPDATE migrate_version SET version_num = 'zzz999'");
        Cli.Result script = migrate("upgrade", "current:head", "--sql");
        assertEquals(1, script.exitCode(), script.toString());
        assertTrue(script.err().contains("names revision zzz999, which is not in"), script.err());
    }

    @Test
    void stampWarnsOfAnEmptySchemaOnlyWhenItMarksRevisionsApplied() {
        files.table("a1", "none");
        files.table("b2", "a1");
        Cli.Result first = ok("stamp", "b2");
        assertTrue(first.err().contains("If so, `migrate stamp base` says the database has none of it, and "
                + "then `migrate upgrade b2` creates the schema."), "the stamp is written: upgrading alone would do "
                + "nothing: " + first.err());
        Cli.Result back = ok("stamp", "a1");
        assertFalse(back.err().contains("no tables besides"), "marks nothing applied: " + back.err());

        db.execute("UPDATE migrate_version SET version_num = 'bogus1'");
        Cli.Result purged = ok("stamp", "--purge", "a1"); // the log counts a1 as applied: nothing is marked
        assertTrue(purged.err().contains("no tables besides migrate's own, yet this stamp records it at a1"),
                "it replaces a row it knew nothing of: " + purged.err());
        ok("stamp", "base"); // the advice, followed: then upgrade creates the schema
        ok("upgrade", "b2");
        assertTrue(db.tables().containsAll(List.of("t_a1", "t_b2")), db.tables().toString());
    }

    @Test
    void aPurgesDryRunListsWhatThePurgeItselfForgets() throws IOException {
        files.table("a1", "none");
        files.table("x5", "a1");
        ok("upgrade");
        Files.delete(file("x5")); // applied, its file gone
        db.execute("UPDATE migrate_version SET version_num = 'gone99'");

        String dryRun = ok("stamp", "--purge", "a1", "--dry-run").out();
        String stamp = ok("stamp", "--purge", "a1").out();
        assertTrue(dryRun.contains("would mark not applied, not run: x5"), dryRun);
        assertEquals(stamp.lines().filter(line -> line.startsWith("  marked")).map(line -> line.replaceAll(" +", " "))
                        .toList(),
                dryRun.lines().filter(line -> line.startsWith("  would mark"))
                        .map(line -> line.replace("would mark", "marked").replaceAll(" +", " ")).toList(),
                "the dry run shows the stamp");
    }

    @Test
    void acceptingAFileThatStillMatchesRecordsNothing() throws IOException {
        files.table("a1", "none");
        ok("upgrade");
        Files.writeString(file("a1"), Files.readString(file("a1")) + "-- a note in the downgrade section\n");
        Cli.Result accept = ok("accept", "a1");
        assertTrue(accept.out().contains("Nothing was accepted: a1: its file still holds what the log recorded."),
                accept.out());
        assertEquals(1, log().size(), "no accept row for a file whose upgrade section still matches");

        files.table("b2", "a1");
        ok("upgrade");
        editAfterItRan("b2");
        Cli.Result other = ok("accept", "a1");
        assertTrue(other.out().contains("Nothing was accepted: a1: its file still holds what the log recorded."),
                other.out());
        assertFalse(other.out().contains("no applied migration's file changed"), "b2's did: " + other.out());
        Cli.Result both = ok("accept", "a1", "b2");
        assertTrue(both.out().contains("Accepted the current text (or, for a removed file, the removal) of b2")
                && both.out().contains("Not accepted: a1: its file still holds what the log recorded."), both.out());

        files.table("a10", "b2"); // a1 is a prefix of a10: each name still stands for its own revision
        ok("upgrade");
        editAfterItRan("a10");
        Cli.Result prefixed = ok("accept", "a1", "a10");
        assertTrue(prefixed.out().contains("of a10 as what") && prefixed.out().contains("Not accepted: a1: its file "
                + "still holds"), prefixed.out());
    }
}
