package dev.migrate.cli;

import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;
import dev.migrate.fleet.FleetListener;
import dev.migrate.fleet.FleetTarget;
import dev.migrate.fleet.TargetResult;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fleet's progress on stderr, so stdout carries only the summary (or the JSON document). At a terminal: one line,
 * redrawn as targets start and finish and every second ({@code 37/250 done, 8 running, 1 failed, 12 s}), with a
 * failure printed above it when it happens. Elsewhere (CI logs, files): a plain line per event. Called from the
 * fleet's threads at once, hence synchronized.
 */
final class FleetProgress implements FleetListener {
    private static final String CLEAR_LINE = "\r\u001b[K";
    private final PrintWriter err;
    private final Colors colors;
    private final FleetSummary.Kind kind;
    private final int total;
    private final boolean quiet;
    private final boolean terminal;
    private long started;
    private int running;
    private int done;
    private int failed;
    private String command;
    private ScheduledExecutorService ticker;

    FleetProgress(PrintWriter err, Colors colors, FleetSummary.Kind kind, int total, boolean quiet, boolean terminal) {
        this.err = err;
        this.colors = colors;
        this.kind = kind;
        this.total = total;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    synchronized void begin(String command, int parallel) {
        this.command = command;
        started = System.nanoTime();
        if (quiet) {
            return;
        }
        if (terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "migrate-fleet-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
            redraw();
        } else {
            line(command + " on " + total + (total == 1 ? " target" : " targets") + ", " + parallel + " at once");
        }
    }

    synchronized void end() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (!quiet && terminal) {
            err.print(CLEAR_LINE);
            err.flush();
        }
    }

    @Override
    public synchronized void targetStarted(FleetTarget target) {
        running++;
        if (!terminal && !quiet) {
            line(target.name() + ": started (" + target.where() + ")");
        }
        redraw();
    }

    @Override
    public synchronized void targetFinished(TargetResult result) {
        running--;
        done++;
        if (result.outcome() == TargetResult.Outcome.FAILED) {
            failed++;
            String error = result.error();
            int end = error.indexOf('\n');
            line(result.target() + ": " + colors.red("failed") + " (" + FleetSummary.time(result.elapsed()) + "): "
                    + (end < 0 ? error : error.substring(0, end) + " (in full in the summary)"));
        } else if (!terminal && !quiet) {
            line(result.target() + ": " + (kind == FleetSummary.Kind.RUN
                    ? kind.result(result) + ", " + FleetSummary.revisions(result.before()) + " -> "
                    + FleetSummary.revisions(result.after()) + ", " + result.migrations()
                    + (result.migrations() == 1 ? " migration" : " migrations")
                    : FleetSummary.revisions(result.before()) + ", " + kind.result(result))
                    + " (" + FleetSummary.time(result.elapsed()) + ")");
        }
        redraw();
    }

    @Override
    public synchronized void stopping(String reason) {
        line(colors.yellow("stopping:") + " " + reason + "; " + running + " running "
                + (running == 1 ? "target finishes" : "targets finish") + " first");
        redraw();
    }

    /** Waits, warnings and server notices of one target, each prefixed with its name. */
    @Override
    public MigrationListener migrationListener(FleetTarget target) {
        return new MigrationListener() {
            @Override
            public void waiting(String message) {
                note(target.name() + ": " + message);
            }

            @Override
            public void warning(String message) {
                synchronized (FleetProgress.this) {
                    line(colors.yellow("warning:") + " " + target.name() + ": " + message);
                }
            }

            @Override
            public void notice(StepInfo step, String message) {
                note(target.name() + ": " + step.revision() + ": " + message);
            }
        };
    }

    private synchronized void note(String text) {
        if (!quiet) {
            line(text);
        }
    }

    /**
     * A line of its own; at a terminal, above the progress line, which is drawn again below it. Failures, warnings
     * and stopping are printed even with -q: they are errors, or explain them.
     */
    private void line(String text) {
        err.print(terminal ? CLEAR_LINE + text + "\n" : text + "\n");
        err.flush();
    }

    private synchronized void redraw() {
        if (quiet || !terminal || command == null) {
            return;
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        err.print(CLEAR_LINE + command + ": " + done + "/" + total + " done, " + running + " running, "
                + (failed > 0 ? colors.red(failed + " failed") : "0 failed") + ", " + seconds + " s");
        err.flush();
    }
}
