package dev.migrate.graph;

import dev.migrate.api.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetTest {
    // 07d7 -> 3f2a -> 3f2b (branch point) -> x1 / y1
    private final RevisionGraph graph = RevisionGraph.build(List.of(RevisionNode.of("07d7d2f65290"),
            RevisionNode.of("3f2a9c1b7d40", "07d7d2f65290"), RevisionNode.of("3f2b00000000", "3f2a9c1b7d40"),
            RevisionNode.of("x1", "3f2b00000000"), RevisionNode.of("y1", "3f2b00000000")));
    private final RevisionGraph linear = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("b", "a"),
            RevisionNode.of("c", "b")));

    private List<String> resolve(RevisionGraph graph, String target, String... current) {
        return Target.parse(target).resolve(graph, List.of(current));
    }

    @Test
    void stepsPastTheEndsSayWhereTheyStart() {
        UsageException atBase = assertThrows(UsageException.class, () -> resolve(linear, "-1"));
        assertTrue(atBase.getMessage().contains("the starting point is base already: nothing is applied to undo"),
                atBase.getMessage());
        UsageException atHead = assertThrows(UsageException.class, () -> resolve(linear, "+1", "c"));
        assertTrue(atHead.getMessage().contains("the starting point c is a head already"), atHead.getMessage());
        UsageException tooFar = assertThrows(UsageException.class, () -> resolve(linear, "-3", "b"));
        assertTrue(tooFar.getMessage().contains("there are only 2 revisions below the starting point"),
                tooFar.getMessage());
        UsageException empty = assertThrows(UsageException.class,
                () -> Target.parse("+1").resolve(RevisionGraph.build(List.of()), List.of()));
        assertTrue(empty.getMessage().contains("the starting point is base, and there are no revisions"),
                empty.getMessage());
    }

    @Test
    void aBranchLabelOrCurrentAloneSaysWhatToWriteInstead() {
        RevisionGraph labelled = RevisionGraph.build(List.of(RevisionNode.of("a"),
                new RevisionNode("b", List.of("a"), List.of(), List.of("billing"), "", true, true, "b.sql", 1, 2, 3,
                        null)));
        UsageException label = assertThrows(UsageException.class, () -> resolve(labelled, "billing"));
        assertTrue(label.getMessage().contains("'billing' is a branch label, not a revision: billing@head"),
                label.getMessage());
        UsageException current = assertThrows(UsageException.class, () -> resolve(labelled, "current", "a"));
        assertTrue(current.getMessage().contains("'current' is where the database is already"), current.getMessage());
    }

    @Test
    void keywords() {
        assertEquals(List.of("c"), resolve(linear, "head"));
        assertEquals(List.of("x1", "y1"), resolve(graph, "heads"));
        assertEquals(List.of(), resolve(graph, "base"));
    }

    @Test
    void headWithSeveralHeadsRefusesAndNamesThem() {
        UsageException error = assertThrows(UsageException.class, () -> resolve(graph, "head"));
        assertTrue(error.getMessage().contains("x1, y1"), error.getMessage());
        assertTrue(error.getMessage().contains("upgrade heads"), error.getMessage());
        assertTrue(error.getMessage().contains("merge revision"), error.getMessage());
    }

    @Test
    void idsAndUniquePrefixes() {
        assertEquals(List.of("07d7d2f65290"), resolve(graph, "07d7d2f65290"));
        assertEquals(List.of("07d7d2f65290"), resolve(graph, "07"));
        UsageException ambiguous = assertThrows(UsageException.class, () -> resolve(graph, "3f2"));
        assertTrue(ambiguous.getMessage().contains("3f2a9c1b7d40, 3f2b00000000"), ambiguous.getMessage());
        UsageException missing = assertThrows(UsageException.class, () -> resolve(graph, "zzz"));
        assertTrue(missing.getMessage().contains("No revision matches 'zzz'"), missing.getMessage());
    }

    @Test
    void relativeToCurrent() {
        assertEquals(List.of("b"), resolve(linear, "+1", "a"));
        assertEquals(List.of("c"), resolve(linear, "+2", "a"));
        assertEquals(List.of("a"), resolve(linear, "+1"));
        assertEquals(List.of("a"), resolve(linear, "-2", "c"));
        assertEquals(List.of(), resolve(linear, "-1", "a"));
        assertThrows(UsageException.class, () -> resolve(linear, "+3", "a"));
        assertThrows(UsageException.class, () -> resolve(linear, "-2", "a"));
    }

    @Test
    void relativeToARevision() {
        assertEquals(List.of("c"), resolve(linear, "a+2"));
        assertEquals(List.of("a"), resolve(linear, "c-2"));
        assertEquals(List.of("b"), resolve(linear, "head-1"));
        assertEquals(List.of("3f2a9c1b7d40"), resolve(graph, "07d7+1"));
    }

    @Test
    void relativeStepsThroughABranchPointAreAmbiguous() {
        UsageException error = assertThrows(UsageException.class, () -> resolve(graph, "+1", "3f2b00000000"));
        assertTrue(error.getMessage().contains("x1, y1"), error.getMessage());
    }

    @Test
    void stepsBelowAMergeReachAllItsParents() {
        RevisionGraph merged = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("x", "a"), RevisionNode.of("y", "a"),
                RevisionNode.of("m", "x", "y")));
        assertEquals(List.of("x", "y"), resolve(merged, "-1", "m"));
        assertThrows(UsageException.class, () -> resolve(merged, "-2", "m"));
    }

    @Test
    void relativeFromSeveralCurrentHeadsNeedsAnId() {
        assertThrows(UsageException.class, () -> resolve(graph, "-1", "x1", "y1"));
    }

    @Test
    void garbageIsRejected() {
        assertThrows(UsageException.class, () -> Target.parse("a b"));
        assertThrows(UsageException.class, () -> Target.parse("heads+1"));
    }
}
