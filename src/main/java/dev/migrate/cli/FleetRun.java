package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.PreparedMigrations;
import dev.migrate.api.UsageException;
import dev.migrate.config.ConfigFile;
import dev.migrate.config.MigrateConfig;
import dev.migrate.fleet.FleetReport;
import dev.migrate.fleet.FleetRunner;
import dev.migrate.fleet.FleetTarget;
import dev.migrate.fleet.SchemaQueries;
import dev.migrate.fleet.TargetEntry;
import dev.migrate.fleet.TargetWork;
import dev.migrate.fleet.TargetsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The one flow of every fleet command: read the targets, load and validate the folder once, select, run with
 * bounded parallelism (Ctrl-C stops scheduling and waits for running targets), print the summary.
 */
final class FleetRun {
    private final MigrateCommand root;
    private final FleetOptions options;

    FleetRun(MigrateCommand root, FleetOptions options) {
        this.root = root;
        this.options = options;
    }

    /** The selected targets, for commands that do not connect (--sql). */
    List<FleetTarget> targets() {
        options.validate();
        MigrateConfig config = root.config();
        return options.selection().resolve(config, entries(), new SchemaQueries(config.waitForDatabase(),
                root.printer()::note));
    }

    /** Runs {@code work} on the selected targets and prints the summary; returns the worst target's exit code. */
    int run(String command, FleetSummary.Kind kind, Function<PreparedMigrations, TargetWork> work) {
        options.validate();
        Migrator migrator = root.migrator();
        PreparedMigrations prepared = migrator.prepare(); // every folder problem, before any database is touched
        List<FleetTarget> targets = targets();
        FleetProgress progress = new FleetProgress(root.err(), root.colors(), kind, targets.size(), root.isQuiet(),
                root.isTerminal());
        FleetRunner runner = new FleetRunner(options.parallel, options.canary, options.maxFailures, progress);
        CountDownLatch reported = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            runner.stop("interrupted (Ctrl-C): running targets were left to finish or roll back");
            awaitUninterruptibly(reported);
        }, "migrate-fleet-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            progress.begin(command, Math.min(options.parallel, Math.max(1, targets.size())));
            FleetReport report = runner.run(command, targets, work.apply(prepared), prepared::plansMade);
            progress.end();
            if (options.json()) {
                root.printer().result(Json.write(FleetJson.report(report, kind)));
            } else {
                FleetSummary.print(root.printer(), report, kind);
            }
            return kind.exitCode(report);
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and lets the JVM exit now that the summary is out.
            }
        }
    }

    private List<TargetEntry> entries() {
        if (options.targetsFile != null) {
            if (!Files.isRegularFile(options.targetsFile)) {
                throw new UsageException("The targets file " + options.targetsFile + " does not exist.");
            }
            return TargetsFile.read(options.targetsFile, root.environment());
        }
        Path config = ConfigFile.locate(root.configFile);
        if (config == null) {
            throw new UsageException("No targets: pass --targets FILE, or describe them as [targets.NAME] tables in "
                    + ConfigFile.DEFAULT_NAME + " (see README, Many databases).");
        }
        return TargetsFile.read(config, root.environment());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the summary is what the operator needs after Ctrl-C
            }
        }
    }
}
