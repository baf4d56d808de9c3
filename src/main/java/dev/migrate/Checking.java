package dev.migrate;

import dev.migrate.api.CheckOptions;
import dev.migrate.api.CheckIncompleteException;
import dev.migrate.api.CheckReport;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.Problem;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.Dialect;
import dev.migrate.db.DialectName;
import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.source.Migration;
import dev.migrate.source.MigrationSource;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlFlavor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code check}: every problem of the folder at once (unlike loading, which stops at the first command that needs a
 * graph), and, as asked, downgrades written, a single head, and the database at head with its files unchanged.
 */
final class Checking {
    private final MigrateConfig config;
    private final Migrations migrations;
    private final Connections connections;
    private final Ledger ledger;

    Checking(MigrateConfig config, Migrations migrations, Connections connections, Ledger ledger) {
        this.config = config;
        this.migrations = migrations;
        this.connections = connections;
        this.ledger = ledger;
    }

    /** Validates the migrations and, as asked, downgrades, a single head and the database being at head. */
    CheckReport check(CheckOptions options) {
        // Checksums are compared with the database's log, and guard a file read again for --require-downgrade.
        boolean checksums = options.database() || options.requireDowngrade();
        MigrationSource.Checked read = migrations.source().check(StatementProblems.flavors(config, options.dialect()),
                checksums);
        MigrationSource.Contents contents = read.contents();
        List<Problem> onlyCheck = new ArrayList<>(read.strays());
        onlyCheck.addAll(StatementProblems.of(read.statementProblems()));
        // The files' problems (a header typo, a script that is not a migration), strays and statement problems stop
        // nothing a graph allows: every problem is reported at once. Only a graph that cannot be built (a missing
        // parent, a cycle, a duplicate id) leaves the checks that need one undone.
        List<Problem> problems = new ArrayList<>(contents.problems());
        problems.addAll(onlyCheck);
        Migrations.Loaded folder;
        try {
            folder = Migrations.validated(new MigrationSource.Contents(contents.migrations(), List.of()), List.of(),
                    RevisionGraph.revisionsOf(contents.problems()));
        } catch (GraphInvalidException e) {
            problems.addAll(e.problems());
            if (options.database()) {
                // Said, so that no one reads the report as the database having passed its part.
                problems.add(new Problem(null, 0, null, "the database at " + connections.where() + " was not "
                        + "compared with the folder, whose revisions do not form a graph yet: fix the problems above, "
                        + "then check again"));
            }
            return new CheckReport(contents.migrations().size(), List.of(), problems, List.of());
        }
        RevisionGraph graph = folder.graph();
        Map<String, Migration> byId = folder.byId();
        if (options.requireDowngrade()) {
            // Which comments a downgrade section may hold and still be unwritten: any flavour will do without a URL.
            SqlFlavor flavor = options.dialect() != null
                    ? DialectName.valueOf(options.dialect().toUpperCase(java.util.Locale.ROOT)).dialect().flavor()
                    : config.unsetUrl() != null ? SqlFlavor.SQLITE : Dialect.of(config.connection()).flavor();
            for (RevisionNode revision : graph.topological()) {
                if (!revision.reversible()) {
                    problems.add(new Problem(revision.location(), 0, revision.id(),
                            "has no downgrade (--require-downgrade)"));
                } else if (byId.get(revision.id()) instanceof SqlMigration sql && sql.downgradeUnwritten(flavor)) {
                    problems.add(new Problem(revision.location(), sql.downgrade().firstLine() - 1, revision.id(),
                            "the downgrade section is empty (--require-downgrade): write it, or add a line "
                                    + "'-- migrate:nothing' to it if undoing this revision needs no SQL"));
                }
            }
        }
        if (options.singleHead() && graph.heads().size() > 1) {
            problems.add(new Problem(null, 0, null, graph.heads().size() + " heads (" + String.join(", ", graph.heads())
                    + "); write a merge revision: migrate merge -m \"merge\" " + String.join(" ", graph.heads())));
        }
        List<String> pending = List.of();
        if (options.database() && !connections.databaseExists()) {
            problems.add(new Problem(null, 0, null, "there is no database at " + connections.where() + ": the file "
                    + "does not exist, so nothing can be compared with it. Check --url; `migrate upgrade` creates it"));
        } else if (options.database()) {
            Ledger.Comparison compared;
            try {
                compared = ledger.compare(graph, byId);
            } catch (DatabaseException e) {
                // The folder's problems are reported beside the error, not lost behind it; nothing the database
                // said is among them (the comparison is read in one session, whole or not at all).
                throw new CheckIncompleteException(new CheckReport(graph.size(), graph.heads(), problems, List.of()), e);
            }
            problems.addAll(compared.problems());
            List<String> shadowed = KnownRevisions.shadowed(graph, compared.rows());
            if (!shadowed.isEmpty()) {
                problems.add(new Problem(null, 0, null, KnownRevisions.explainShadowed(compared.rows(), shadowed,
                        config).replace("\n  ", " ")));
            }
            List<String> unknown = KnownRevisions.unknown(graph, compared.rows());
            // Those the log counts as applied were reported above, as missing files (the problems naming no file).
            List<String> unexplained = unknown.stream().filter(id -> problems.stream()
                    .noneMatch(problem -> problem.file() == null && id.equals(problem.revision()))).toList();
            if (!unexplained.isEmpty()) {
                problems.add(new Problem(null, 0, null, "the database is at " + String.join(", ", unexplained)
                        + ", which is not in " + config.location() + " (nor applied, says its log); see "
                        + "`migrate stamp --purge`"));
            }
            if (unknown.isEmpty() && shadowed.isEmpty()) {
                pending = new Planner(graph).upgrade(compared.rows(), graph.heads()).stream()
                        .map(step -> step.revision().id()).toList();
            }
        }
        return new CheckReport(graph.size(), graph.heads(), problems, pending);
    }
}
