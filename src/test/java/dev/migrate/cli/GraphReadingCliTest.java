package dev.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands that need only the revision graph (current, history, heads, show, branches) read the files without
 * hashing them: they must still see everything in a file that loading for a run sees, the body's section markers
 * included, and report the same problems at the same lines.
 */
class GraphReadingCliTest extends SqliteProjectTest {
    private static final List<List<String>> GRAPH_COMMANDS = List.of(List.of("history"), List.of("heads"),
            List.of("show", "a1"), List.of("branches"));

    @Test
    void aMisspelledMarkerInTheBodyStopsEveryGraphCommandAsItStopsAnUpgrade() {
        files.table("a1", "none");
        files.writeRaw("b2", "-- revision: b2\n-- down_revision: a1\n\n-- migrate:upgrade\nCREATE TABLE t_b2 (x);\n\n"
                + "-- migrate:downgade\nDROP TABLE t_b2;\n");
        String expected = "b2_revision.sql:7: revision b2: unknown section marker '-- migrate:downgade' "
                + "(did you mean '-- migrate:downgrade'?)";
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(2, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains(expected), upgrade.err());
        for (List<String> command : GRAPH_COMMANDS) {
            Cli.Result result = migrate(command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), command + ": " + result);
            assertTrue(result.err().contains(expected), command + ": " + result.err());
        }
    }

    @Test
    void currentShowsTheRowsWithTheProblemsOfTheBody() {
        files.table("a1", "none");
        ok("upgrade");
        files.writeRaw("b2", "-- revision: b2\n-- down_revision: a1\n\n-- migrate:upgrade\nCREATE TABLE t_b2 (x);\n\n"
                + "-- migrate:downgrade\nDROP TABLE t_b2;\n-- migrate:downgrade\n");
        Cli.Result current = migrate("current");
        assertTrue(current.out().startsWith("a1"), current.toString());
        assertTrue(current.err().contains("b2_revision.sql:9: revision b2: unexpected '-- migrate:downgrade'"),
                current.err());
    }

    @Test
    void aHeaderTypoNamesItsLineInEveryGraphCommand() {
        files.table("a1", "none");
        ok("upgrade");
        files.writeRaw("b2", "-- revision: b2\n-- down_revison: a1\n-- migrate:upgrade\nCREATE TABLE t_b2 (x);\n");
        String expected = "b2_revision.sql:2: revision b2: unknown header key 'down_revison'";
        for (List<String> command : GRAPH_COMMANDS) {
            Cli.Result result = migrate(command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), command + ": " + result);
            assertTrue(result.err().contains(expected), command + ": " + result.err());
        }
        Cli.Result current = migrate("current");
        assertTrue(current.out().startsWith("a1") && current.err().contains(expected), current.toString());
    }

    @Test
    void whetherARevisionHasADowngradeComesFromItsMarkers() throws Exception {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_b2 (x);", null);
        // The marker line follows a long body: it is found wherever it is.
        files.write("c3", "b2", "CREATE TABLE t_c3 (x);\n" + "-- filler\n".repeat(5000), "DROP TABLE t_c3;");
        JsonNode history = new ObjectMapper().readTree(ok("history", "--format", "json").out());
        List<String> withDowngrade = new java.util.ArrayList<>();
        history.get("revisions").forEach(r -> {
            if (r.get("has_downgrade").asBoolean()) {
                withDowngrade.add(r.get("id").asText());
            }
        });
        assertEquals(List.of("c3", "a1"), withDowngrade);
        assertTrue(ok("show", "b2").out().contains("downgrade: no (irreversible)"));
        assertFalse(ok("show", "c3").out().contains("irreversible"));
    }

    /** A folder this large is read by two threads: problems and order must be exactly those of one. */
    @Test
    void aLargeFolderReportsEveryProblemInPathOrder() {
        String previous = "none";
        for (int i = 1; i <= 2100; i++) {
            String id = String.format("r%04d", i);
            files.table(id, previous);
            previous = id;
        }
        files.writeRaw("r0010", "-- revision: r0010\n-- down_revison: r0009\n-- migrate:upgrade\nSELECT 1;\n");
        files.writeRaw("r2000", "-- revision: r2000\n-- down_revision: r1999\n-- migrate:upgrade\nSELECT 1;\n"
                + "-- migrate:downgade\n");
        for (List<String> command : List.of(List.of("history"), List.of("check"), List.of("upgrade"))) {
            Cli.Result result = migrate(command.toArray(String[]::new));
            String all = result.out() + result.err();
            int first = all.indexOf("r0010_revision.sql:2: revision r0010: unknown header key 'down_revison'");
            int second = all.indexOf("r2000_revision.sql:5: revision r2000: unknown section marker");
            assertTrue(first >= 0 && second > first, command + ": " + all);
        }
        files.table("r0010", "r0009");
        files.table("r2000", "r1999");
        String history = ok("history").out();
        assertTrue(history.startsWith("r2099 -> r2100 (head)"), history);
        assertTrue(history.endsWith("<base> -> r0001, revision r0001\n"), history);
        assertEquals(2100, history.lines().count());
    }
}
