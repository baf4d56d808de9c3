package dev.migrate.graph;

import dev.migrate.api.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {
    // a -> b1, a -> b2, m merges b1 and b2, c after m
    private final RevisionGraph graph = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("b1", "a"),
            RevisionNode.of("b2", "a"), RevisionNode.of("m", "b1", "b2"), RevisionNode.of("c", "m")));
    private final Planner planner = new Planner(graph);

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(step -> step.revision().id()).toList();
    }

    @Test
    void linearUpgradeUpdatesOneRowPerStep() {
        List<Step> steps = planner.upgrade(List.of(), List.of("b1"));
        assertEquals(List.of("a", "b1"), ids(steps));
        assertEquals(new VersionChange(List.of(), List.of("a")), steps.get(0).change());
        assertEquals(new VersionChange(List.of("a"), List.of("b1")), steps.get(1).change());
        assertEquals(List.of("b1"), steps.get(1).headsAfter());
    }

    @Test
    void upgradeFromABranchPointAddsARowAndAMergeRemovesRows() {
        List<Step> steps = planner.upgrade(List.of("b1"), List.of("c"));
        assertEquals(List.of("b2", "m", "c"), ids(steps));
        assertEquals(new VersionChange(List.of(), List.of("b2")), steps.get(0).change());
        assertEquals(List.of("b1", "b2"), steps.get(0).headsAfter());
        assertEquals(new VersionChange(List.of("b1", "b2"), List.of("m")), steps.get(1).change());
        assertEquals(List.of("c"), steps.get(2).headsAfter());
    }

    @Test
    void upgradeToAnAppliedRevisionDoesNothing() {
        assertEquals(List.of(), planner.upgrade(List.of("c"), List.of("b1")));
    }

    @Test
    void downgradeThroughAMergeRestoresBothBranchRows() {
        List<Step> steps = planner.downgrade(List.of("c"), List.of("b1", "b2"));
        assertEquals(List.of("c", "m"), ids(steps));
        assertEquals(new VersionChange(List.of("m"), List.of("b1", "b2")), steps.get(1).change());
        assertEquals(List.of("b1", "b2"), steps.get(1).headsAfter());
    }

    @Test
    void downgradeOneBranchDeletesItsRowWhileTheOtherRemains() {
        List<Step> steps = planner.downgrade(List.of("b1", "b2"), List.of("b1"));
        assertEquals(List.of("b2"), ids(steps));
        assertEquals(new VersionChange(List.of("b2"), List.of()), steps.get(0).change());
        assertEquals(List.of("b1"), steps.get(0).headsAfter());
    }

    @Test
    void downgradeToBaseUndoesEverythingChildrenFirst() {
        List<Step> steps = planner.downgrade(List.of("c"), List.of());
        assertEquals("c", ids(steps).get(0));
        assertEquals("a", ids(steps).get(4));
        assertTrue(ids(steps).indexOf("m") < ids(steps).indexOf("b1"));
        assertEquals(List.of(), steps.get(4).headsAfter());
    }

    @Test
    void downgradeToARevisionAboveTheDatabaseIsRefused() {
        assertThrows(UsageException.class, () -> planner.downgrade(List.of("a"), List.of("c")));
    }

    @Test
    void irreversibleRevisionsStopTheDowngradeBeforeItStarts() {
        RevisionNode oneWay = new RevisionNode("b", List.of("a"), List.of(), List.of(), "", true, false, "b.sql");
        Planner linear = new Planner(RevisionGraph.build(List.of(RevisionNode.of("a"), oneWay, RevisionNode.of("c", "b"))));
        UsageException error = assertThrows(UsageException.class, () -> linear.downgrade(List.of("c"), List.of()));
        assertTrue(error.getMessage().contains("b has no downgrade section"), error.getMessage());
        assertEquals(List.of("c"), ids(linear.downgrade(List.of("c"), List.of("b"))));
    }

    @Test
    void dependenciesAreAppliedFirstAndKeepTheirRow() {
        RevisionNode dependent = new RevisionNode("y", List.of("x0"), List.of("a"), List.of(), "", true, true, "y.sql");
        Planner withDependency = new Planner(RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("x0"), dependent)));
        List<Step> steps = withDependency.upgrade(List.of(), List.of("y"));
        assertEquals(List.of("a", "x0", "y"), ids(steps).stream().sorted().toList());
        assertTrue(ids(steps).indexOf("a") < ids(steps).indexOf("y"));
        assertEquals(List.of("a", "y"), steps.get(2).headsAfter().stream().sorted().toList());
        // Undoing the dependency undoes its dependent first.
        List<Step> down = withDependency.downgrade(steps.get(2).headsAfter(), List.of("x0"));
        assertEquals(List.of("y", "a"), ids(down));
        assertEquals(List.of("x0"), down.get(1).headsAfter());
    }

    @Test
    void stampReducesRedundantRows() {
        assertEquals(List.of("c"), planner.stampHeads(List.of("b1", "c")));
        assertEquals(List.of("b1", "b2"), planner.stampHeads(List.of("b2", "b1")));
    }
}
