package dev.migrate.cli;

import dev.migrate.api.StampResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "stamp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Set the version table to TARGET without running migrations.",
        "For a database whose schema is already at TARGET (created by hand, restored from a dump), or to repair "
                + "the version table. With --purge the table is emptied first, so it may name revisions this "
                + "folder does not have."})
final class StampCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    OfflineOptions offline;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "head, heads, base, a revision id or prefix; "
            + "several for several rows (branches not merged yet).")
    List<String> targets;

    @Option(names = "--purge", description = "Empty the version table before stamping, whatever it holds.")
    boolean purge;

    @Option(names = "--dry-run", description = "Show what the stamp would mark applied or not applied; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (offline.sql) {
            return OfflineOptions.print(root, out -> root.migrator().stampScript(targets, offline.dialect(root), out));
        }
        root.announceDatabase();
        StampResult result = root.migrator().stamp(targets, purge, dryRun);
        if (result.emptySchema()) {
            root.printer().warning("the database has no tables besides migrate's own, yet this stamp "
                    + (result.marked().isEmpty() ? "records it at " + String.join(", ", result.headsAfter())
                    : (dryRun ? "would mark " : "marks ") + result.marked().size() + " revision(s) applied")
                    + ": their schema is most likely not there. " + (dryRun
                    ? (targets.size() == 1 ? "`migrate upgrade " + targets.get(0) + "`" : "upgrading to them")
                    + " would create it; stamp only a database whose schema exists."
                    : "If so, `migrate stamp base` says the database has none of it, and then "
                    + (targets.size() == 1 ? "`migrate upgrade " + targets.get(0) + "`" : "upgrading to them")
                    + " creates the schema."));
        }
        for (String revision : result.marked()) {
            root.printer().info((result.dryRun() ? "  would mark applied, not run:     "
                    : "  marked applied, not run:     ") + revision);
        }
        for (String revision : result.unmarked()) {
            root.printer().info((result.dryRun() ? "  would mark not applied, not run: "
                    : "  marked not applied, not run: ") + revision);
        }
        for (String revision : result.unfinished()) {
            String verb = result.dryRun() ? "  would clear unfinished:          " : "  cleared unfinished:          ";
            root.printer().info(verb + revision + " (a transaction: false migration that stopped part-way; "
                    + "nothing of it was run or undone)");
        }
        if (result.headsBefore().isEmpty() && result.headsAfter().isEmpty() && result.marked().isEmpty()
                && result.unmarked().isEmpty() && result.unfinished().isEmpty()) {
            root.printer().info("Nothing to stamp: the database is at base (no revision applied) already, as asked. "
                    + "No migration was run.");
            return 0;
        }
        root.printer().info((result.dryRun() ? "Would stamp " : "Stamped ") + root.config().versionTable() + ": "
                + (result.dryRun() ? "is " : "was ") + Text.heads(result.headsBefore())
                + (result.dryRun() ? ", would be " : ", now ") + Text.heads(result.headsAfter())
                + ". No migration was run" + (result.dryRun() ? "; nothing was changed (--dry-run)." : "."));
        return 0;
    }
}
