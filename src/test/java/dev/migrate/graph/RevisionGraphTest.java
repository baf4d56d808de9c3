package dev.migrate.graph;

import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionGraphTest {

    private static List<String> problems(RevisionNode... revisions) {
        GraphInvalidException error = assertThrows(GraphInvalidException.class,
                () -> RevisionGraph.build(List.of(revisions)));
        return error.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void linearGraphHasOneRootAndOneHead() {
        RevisionGraph graph = RevisionGraph.build(List.of(RevisionNode.of("c", "b"), RevisionNode.of("a"), RevisionNode.of("b", "a")));
        assertEquals(List.of("c"), graph.heads());
        assertEquals(List.of("a"), graph.roots());
        assertEquals(List.of("a", "b", "c"), graph.topological().stream().map(RevisionNode::id).toList());
    }

    @Test
    void branchesGiveSeveralHeadsAndMergesJoinThem() {
        RevisionGraph branched = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("b1", "a"), RevisionNode.of("b2", "a")));
        assertEquals(List.of("b1", "b2"), branched.heads());
        assertTrue(branched.isBranchPoint("a"));
        RevisionGraph merged = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("b1", "a"), RevisionNode.of("b2", "a"),
                RevisionNode.of("m", "b1", "b2")));
        assertEquals(List.of("m"), merged.heads());
        assertEquals(Set.of("a", "b1", "b2", "m"), merged.ancestors(List.of("m")));
    }

    @Test
    void severalRootsAreLegal() {
        RevisionGraph graph = RevisionGraph.build(List.of(RevisionNode.of("a"), RevisionNode.of("x"), RevisionNode.of("b", "a")));
        assertEquals(Set.of("a", "x"), Set.copyOf(graph.roots()));
        assertEquals(Set.of("b", "x"), Set.copyOf(graph.heads()));
    }

    @Test
    void orphanedDownRevisionNamesTheMissingIdAndClosestExisting() {
        List<String> problems = problems(RevisionNode.of("3f2a9c1b7d40"), RevisionNode.of("07d7d2f65290", "3f2a9c1b7d4"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("revision 07d7d2f65290: down_revision names 3f2a9c1b7d4, which is not a revision"),
                problems.get(0));
        assertTrue(problems.get(0).contains("closest existing ids: 3f2a9c1b7d40"), problems.get(0));
    }

    @Test
    void aRevisionIsNeverSuggestedAsItsOwnParent() {
        // 0022 is as close to 0003 as to 0002, but a revision cannot follow itself.
        List<String> problems = problems(RevisionNode.of("0002"), RevisionNode.of("0003", "0022"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith("closest existing ids: 0002"), problems.get(0));
    }

    @Test
    void orphanedReferencesCarryTheLineOfTheirHeader() {
        RevisionNode orphan = new RevisionNode("b", List.of("zz"), List.of("yy"), List.of(), "", true, true, "b.sql", 1, 2, 3, null);
        List<String> problems = problems(RevisionNode.of("a"), orphan);
        assertTrue(problems.get(0).startsWith("b.sql:2: revision b: down_revision names zz"), problems.toString());
        assertTrue(problems.get(1).startsWith("b.sql:3: revision b: depends_on names yy"), problems.toString());
    }

    @Test
    void orphanedDependsOnIsReported() {
        RevisionNode dependent = new RevisionNode("b", List.of("a"), List.of("zz"), List.of(), "", true, true, "b.sql");
        List<String> problems = problems(RevisionNode.of("a"), dependent);
        assertTrue(problems.get(0).startsWith("b.sql: revision b: depends_on names zz"), problems.get(0));
    }

    @Test
    void duplicatesNameBothFiles() {
        RevisionNode first = new RevisionNode("a", List.of(), List.of(), List.of(), "", true, true, "one.sql");
        RevisionNode second = new RevisionNode("a", List.of(), List.of(), List.of(), "", true, true, "two.sql");
        List<String> problems = problems(first, second);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("two.sql") && problems.get(0).contains("one.sql"), problems.get(0));
    }

    @Test
    void cyclesAreReportedWithTheirPath() {
        List<String> problems = problems(RevisionNode.of("root"), RevisionNode.of("a", "c"), RevisionNode.of("b", "a"), RevisionNode.of("c", "b"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches(".*cycle in down_revision/depends_on: (a -> c -> b -> a|b -> a -> c -> b|c -> b -> a -> c).*"),
                problems.get(0));
    }

    @Test
    void selfReferenceIsReported() {
        assertTrue(problems(RevisionNode.of("a", "a")).get(0).contains("names the revision itself"));
    }

    @Test
    void allProblemsAtOnce() {
        List<String> problems = problems(RevisionNode.of("a", "missing"), RevisionNode.of("b", "c"), RevisionNode.of("c", "b"),
                RevisionNode.of("d"), RevisionNode.of("d"));
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        List<RevisionNode> revisions = new java.util.ArrayList<>();
        revisions.add(RevisionNode.of("r0"));
        for (int i = 1; i < 50_000; i++) {
            revisions.add(RevisionNode.of("r" + i, "r" + (i - 1)));
        }
        java.util.Collections.reverse(revisions);
        assertEquals(List.of("r49999"), RevisionGraph.build(revisions).heads());
    }
}
