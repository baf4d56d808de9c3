package dev.migrate.schema;

import java.util.List;

/**
 * What {@code migrate test} found: each revision tested in upgrade order, each pair of merged branches, and the
 * revisions it could not reach (after a failure that left the scratch database where later revisions cannot run).
 */
public record MigrationTestReport(String database, List<RevisionTest> revisions, List<BranchOrderTest> branchOrders,
                                  List<String> notReached) {
    public MigrationTestReport {
        revisions = List.copyOf(revisions);
        branchOrders = List.copyOf(branchOrders);
        notReached = List.copyOf(notReached);
    }

    public boolean passed() {
        return revisions.stream().allMatch(RevisionTest::passed) && branchOrders.stream().allMatch(BranchOrderTest::passed)
                && notReached.isEmpty();
    }
}
