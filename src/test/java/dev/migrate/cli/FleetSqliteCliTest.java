package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fleet of SQLite files: what a fleet's check and stamp say about each target's integrity. */
class FleetSqliteCliTest {
    @TempDir
    Path work;
    private final Cli cli = new Cli();

    @Test
    void fleetCheckReportsATargetWhoseAppliedFileChangedAndStampCanDryRun() throws Exception {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.table("b2", "a1");
        SqliteFile one = new SqliteFile(work.resolve("one.db"));
        SqliteFile two = new SqliteFile(work.resolve("two.db"));
        String[] common = targetsOneAndTwo(files, one, two);
        Cli.Result upgrade = fleet("upgrade", common);
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertEquals(0, fleet("check", common).exitCode());
        files.table("c3", "b2");
        Cli.Result script = fleet("upgrade", common, "--sql");
        assertEquals(0, script.exitCode(), script.toString());
        assertTrue(script.out().contains("CREATE TABLE t_c3") && !script.out().contains("CREATE TABLE t_a1"),
                "each target's script starts where it is: " + script.out());
        Files.delete(files.dir().resolve("c3_revision.sql"));

        Path a1 = files.dir().resolve("a1_revision.sql");
        Files.writeString(a1, Files.readString(a1).replace("PRIMARY KEY", "PRIMARY KEY, extra TEXT"));
        Cli.Result check = fleet("check", common);
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.toString().contains("revision a1: was applied on"), check.toString());

        Cli.Result dryRun = fleet("stamp", common, "a1", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        assertEquals(List.of("b2"), one.versions(), "a dry run changes nothing");
        assertEquals(List.of("b2"), two.versions());
    }

    @Test
    void aTargetAtAnUnknownRevisionMakesStatusAndCheckExitThreeAndTheTotalsSaySo() throws Exception {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        SqliteFile one = new SqliteFile(work.resolve("one.db"));
        SqliteFile two = new SqliteFile(work.resolve("two.db"));
        String[] common = targetsOneAndTwo(files, one, two);
        assertEquals(0, fleet("upgrade", common).exitCode());
        two.execute("UPDATE migrate_version SET version_num = 'gone99'");

        for (String command : List.of("status", "check")) {
            Cli.Result result = fleet(command, common);
            assertEquals(3, result.exitCode(), result.toString());
            assertTrue(result.out().contains("2 ok, 0 failed, 0 skipped; 1 at head, 1 not"), result.out());
            assertTrue(result.out().contains("unknown revision (stamp --purge)"), result.out());
        }
        assertTrue(fleet("status", common).out().contains("1 not (1 at an unknown revision: status exits 3)"));
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                fleet("status", common, "--format", "json").out());
        assertEquals(3, json.get("exit_code").asInt(), json.toString());
        assertEquals(0, json.get("targets").get(0).get("exit_code").asInt(), json.toString());
        assertEquals(3, json.get("targets").get(1).get("exit_code").asInt(), "the target at gone99: " + json);
        Cli.Result current = fleet("current", common);
        assertEquals(0, current.exitCode(), current.toString());
        assertTrue(current.out().lines().anyMatch(line -> line.startsWith("two ")
                && line.endsWith("unknown revision (stamp --purge)")), current.out());
    }

    /** The options that run a fleet command on two targets, one and two, over {@code files}. */
    private String[] targetsOneAndTwo(MigrationFiles files, SqliteFile one, SqliteFile two) throws Exception {
        Path targets = Files.writeString(work.resolve("targets.toml"), "[targets.one]\nurl = \"" + one.url()
                + "\"\n\n[targets.two]\nurl = \"" + two.url() + "\"\n");
        return new String[] {"--targets", targets.toString(), "--all", "--dir", files.dir().toString()};
    }

    private Cli.Result fleet(String command, String[] common, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("fleet", command));
        args.addAll(List.of(more));
        args.addAll(List.of(common));
        return cli.run(args.toArray(String[]::new));
    }
}
