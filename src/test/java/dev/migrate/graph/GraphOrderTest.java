package dev.migrate.graph;

import dev.migrate.api.GraphInvalidException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order the graph gives revisions the DAG leaves unordered, and the rows a merge's downgrade writes. */
class GraphOrderTest {

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(step -> step.revision().id()).toList();
    }

    private static RevisionNode dependent(String id, String down, String dependsOn) {
        return new RevisionNode(id, List.of(down), List.of(dependsOn), List.of(), "", true, true, id);
    }

    @Test
    void aMergeAppliesItsParentsBranchesInTheOrderItListsThem() {
        // Files in this order: the x branch sorts first, but the merge lists y first.
        List<RevisionNode> revisions = List.of(RevisionNode.of("r"), RevisionNode.of("x1", "r"), RevisionNode.of("x2", "x1"),
                RevisionNode.of("y1", "r"), RevisionNode.of("y2", "y1"), RevisionNode.of("m", "y2", "x2"));
        RevisionGraph graph = RevisionGraph.build(revisions);
        assertEquals(List.of("r", "y1", "y2", "x1", "x2", "m"), ids(new Planner(graph).upgrade(List.of(), List.of("m"))));

        RevisionGraph swapped = RevisionGraph.build(List.of(RevisionNode.of("r"), RevisionNode.of("x1", "r"),
                RevisionNode.of("x2", "x1"), RevisionNode.of("y1", "r"), RevisionNode.of("y2", "y1"), RevisionNode.of("m", "x2", "y2")));
        assertEquals(List.of("r", "x1", "x2", "y1", "y2", "m"),
                ids(new Planner(swapped).upgrade(List.of(), List.of("m"))));
    }

    @Test
    void theOrderDoesNotDependOnTheOrderFilesAreRead() {
        List<RevisionNode> forward = List.of(RevisionNode.of("r"), RevisionNode.of("a", "r"), RevisionNode.of("b", "r"),
                RevisionNode.of("m", "b", "a"));
        List<RevisionNode> backward = List.of(RevisionNode.of("m", "b", "a"), RevisionNode.of("b", "r"), RevisionNode.of("a", "r"),
                RevisionNode.of("r"));
        assertEquals(RevisionGraph.build(forward).topological(), RevisionGraph.build(backward).topological());
        assertEquals(List.of("r", "b", "a", "m"),
                RevisionGraph.build(backward).topological().stream().map(RevisionNode::id).toList());
    }

    @Test
    void dependsOnOrdersRevisionsAcrossBranches() {
        // b2 depends on a2 of another branch: a2 must come first although nothing else orders them.
        RevisionGraph graph = RevisionGraph.build(List.of(RevisionNode.of("b1"), dependent("b2", "b1", "a2"),
                RevisionNode.of("a1"), RevisionNode.of("a2", "a1")));
        List<String> order = ids(new Planner(graph).upgrade(List.of(), List.of("b2")));
        assertEquals(List.of("b1", "a1", "a2", "b2"), order);
        assertTrue(order.indexOf("a2") < order.indexOf("b2"));
    }

    @Test
    void aCycleThroughDependsOnIsReported() {
        GraphInvalidException error = assertThrows(GraphInvalidException.class, () -> RevisionGraph.build(List.of(
                RevisionNode.of("a"), dependent("b", "a", "c"), dependent("c", "a", "b"))));
        assertTrue(error.getMessage().contains("cycle in down_revision/depends_on"), error.getMessage());
    }

    @Test
    void downgradingAMergeOfNestedParentsWritesOnlyTheOuterOnes() {
        // m lists c, b and a, but a and b are ancestors of c: one row (c) is the truth, not three.
        RevisionGraph graph = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("b", "a"),
                RevisionNode.of("c", "b"), RevisionNode.of("d", "a"), RevisionNode.of("m", "c", "b", "a", "d")));
        Planner planner = new Planner(graph);
        List<Step> steps = planner.downgrade(List.of("m"), List.of("c", "d"));
        assertEquals(List.of("m"), ids(steps));
        assertEquals(List.of("c", "d"), steps.get(0).headsAfter());
        assertEquals(new VersionChange(List.of("m"), List.of("c", "d")), steps.get(0).change());
    }
}
