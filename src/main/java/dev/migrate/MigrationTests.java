package dev.migrate;

import dev.migrate.api.MigrateException;
import dev.migrate.api.RunResult;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.MigrateConfig;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.BranchOrderTest;
import dev.migrate.schema.MigrationTestReport;
import dev.migrate.schema.RevisionTest;
import dev.migrate.schema.SchemaDiff;
import dev.migrate.schema.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code migrate test}: on scratch databases, each revision's downgrade and repeated upgrade, and each merge's
 * branches in both orders. Every migration runs through {@link Migrator}, exactly as a real run would.
 */
final class MigrationTests {
    private final MigrateConfig config;
    private final RevisionGraph graph;
    private final ConnectionSettings dev;

    MigrationTests(MigrateConfig config, RevisionGraph graph, ConnectionSettings dev) {
        this.config = config;
        this.graph = graph;
        this.dev = dev;
    }

    MigrationTestReport run(String from, String to) {
        Set<String> tested = graph.between(from == null ? null : Target.parse(from).resolve(graph, List.of()),
                to == null ? null : Target.parse(to).resolve(graph, List.of()));
        List<RevisionTest> results = new ArrayList<>();
        List<String> notReached = new ArrayList<>();
        String where;
        try (ScratchDatabase scratch = scratch()) {
            where = scratch.config().connection().isSqlite() ? "a temporary SQLite database"
                    : "a scratch PostgreSQL " + (dev != null ? "schema" : "database");
            Migrator migrator = scratch.migrator();
            List<String> rows = List.of();
            String stoppedBy = null;
            for (RevisionNode revision : graph.topological()) {
                if (stoppedBy != null) {
                    if (tested.contains(revision.id())) {
                        notReached.add(revision.id());
                    }
                    continue;
                }
                if (!tested.contains(revision.id())) {
                    try {
                        rows = migrator.upgradeTo(List.of(revision.id())).headsAfter();
                    } catch (MigrateException e) {
                        results.add(new RevisionTest(revision.id(), revision.message(), RevisionTest.Outcome.FAILED,
                                empty(), empty(), "upgrade failed (needed before the revisions tested): "
                                + e.getMessage()));
                        stoppedBy = revision.id();
                    }
                    continue;
                }
                Step step = test(migrator, revision, rows);
                results.add(step.result());
                rows = step.rowsAfter();
                if (step.rowsAfter() == null) {
                    stoppedBy = revision.id();
                }
            }
        }
        List<BranchOrderTest> orders = new ArrayList<>();
        for (RevisionNode revision : graph.topological()) {
            if (tested.contains(revision.id()) && revision.downRevisions().size() > 1) {
                List<String> parents = revision.downRevisions();
                for (int i = 0; i < parents.size(); i++) {
                    for (int j = i + 1; j < parents.size(); j++) {
                        orders.add(branchOrder(revision.id(), parents.get(i), parents.get(j)));
                    }
                }
            }
        }
        return new MigrationTestReport(where, results, orders, notReached);
    }

    /** A revision's result, and the rows the scratch database is at afterwards (null: it cannot go on). */
    private record Step(RevisionTest result, List<String> rowsAfter) {
    }

    private Step test(Migrator migrator, RevisionNode revision, List<String> rowsBefore) {
        String id = revision.id();
        SchemaModel before = migrator.schema();
        List<String> rowsAfter;
        try {
            rowsAfter = migrator.upgradeTo(List.of(id)).headsAfter();
        } catch (MigrateException e) {
            return new Step(failed(revision, "upgrade failed: " + e.getMessage()), null);
        }
        SchemaModel upgraded = migrator.schema();
        if (!revision.reversible()) {
            return new Step(new RevisionTest(id, revision.message(), RevisionTest.Outcome.IRREVERSIBLE, empty(),
                    empty(), null), rowsAfter);
        }
        try {
            migrator.downgradeTo(rowsBefore);
        } catch (MigrateException e) {
            // The failed downgrade rolled back: the revision is still applied, and the next one can be tested.
            return new Step(failed(revision, "downgrade failed: " + e.getMessage()), rowsAfter);
        }
        SchemaDiff downgradeDiff = SchemaDiff.between(before, migrator.schema());
        RunResult again;
        try {
            again = migrator.upgradeTo(List.of(id));
        } catch (MigrateException e) {
            return new Step(new RevisionTest(id, revision.message(), RevisionTest.Outcome.FAILED, downgradeDiff,
                    empty(), "upgrade after its downgrade failed: " + e.getMessage()), null);
        }
        SchemaDiff repeatDiff = SchemaDiff.between(upgraded, migrator.schema());
        RevisionTest.Outcome outcome = downgradeDiff.isEmpty() && repeatDiff.isEmpty() ? RevisionTest.Outcome.PASSED
                : RevisionTest.Outcome.DIFFERS;
        return new Step(new RevisionTest(id, revision.message(), outcome, downgradeDiff, repeatDiff, null),
                again.headsAfter());
    }

    /**
     * Applies the branch of {@code first} then that of {@code second} on one scratch database, the opposite order on
     * another, and compares. The graph's own order is one of the two; the other is what a deploy gets when the
     * branches reach a database one at a time, in the order they were merged into the main line.
     */
    private BranchOrderTest branchOrder(String merge, String first, String second) {
        Ordered one = applyInOrder(first, second);
        Ordered other = applyInOrder(second, first);
        if (one.failure() != null || other.failure() != null) {
            return new BranchOrderTest(merge, first, second, empty(), one.failure() != null ? one.failure()
                    : other.failure());
        }
        return new BranchOrderTest(merge, first, second, SchemaDiff.between(one.schema(), other.schema()), null);
    }

    private record Ordered(SchemaModel schema, String failure) {
    }

    private Ordered applyInOrder(String first, String second) {
        try (ScratchDatabase scratch = scratch()) {
            Migrator migrator = scratch.migrator();
            try {
                migrator.upgradeTo(List.of(first));
                migrator.upgradeTo(List.of(first, second));
            } catch (MigrateException e) {
                return new Ordered(null, "applying " + first + "'s branch before " + second + "'s failed: "
                        + e.getMessage());
            }
            return new Ordered(migrator.schema(), null);
        }
    }

    private ScratchDatabase scratch() {
        // With --dev-url the command's own database is not needed (nor read: its URL may be an unset variable).
        return ScratchDatabase.create(config, dev != null ? null : config.connection(), dev);
    }

    private static RevisionTest failed(RevisionNode revision, String failure) {
        return new RevisionTest(revision.id(), revision.message(), RevisionTest.Outcome.FAILED, empty(), empty(),
                failure);
    }

    private static SchemaDiff empty() {
        return new SchemaDiff(List.of());
    }
}
