package dev.migrate.fleet;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs one command on many targets with bounded parallelism: at most {@code parallel} targets at once, each on its
 * own connection (opened when the target starts, closed when it ends), so the fleet never holds more connections
 * than that. Each target takes its own lock and plans from its own version table; a failed target has released its
 * connection and lock before the next one starts, so it blocks nobody.
 *
 * <p>Stopping (canary failed, {@code --max-failures} reached, {@link #stop}) only stops scheduling: running targets
 * finish or roll back, and targets never started are reported as skipped.
 */
public final class FleetRunner {
    private final int parallel;
    private final int canary;
    private final int maxFailures;
    private final FleetListener listener;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String stopReason;

    /**
     * @param parallel    targets at once (and connections), at least 1
     * @param canary      targets run first, alone; any failure among them stops the command (0: no canary)
     * @param maxFailures stop scheduling after this many failed targets (0: never stop)
     */
    public FleetRunner(int parallel, int canary, int maxFailures, FleetListener listener) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.parallel = parallel;
        this.canary = canary;
        this.maxFailures = maxFailures;
        this.listener = listener;
    }

    /** Stops scheduling new targets (Ctrl-C); running ones finish. The first reason given is the one reported. */
    public void stop(String reason) {
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            stopReason = reason;
        }
        listener.stopping(reason);
    }

    /**
     * Runs {@code work} on every target (canary first) and returns one result per target, in their order.
     *
     * @param plans how many plans were made, read when the fleet is done
     */
    public FleetReport run(String command, List<FleetTarget> targets, TargetWork work, IntSupplier plans) {
        long started = System.nanoTime();
        TargetResult[] results = new TargetResult[targets.size()];
        AtomicInteger next = new AtomicInteger();
        int canaryEnd = Math.min(canary, targets.size());
        if (canaryEnd > 0 && canaryEnd < targets.size()) {
            phase(targets, work, results, next, canaryEnd);
            long failed = Arrays.stream(results, 0, canaryEnd)
                    .filter(result -> result != null && result.outcome() == TargetResult.Outcome.FAILED).count();
            if (failed > 0) {
                stop("the canary failed (" + failed + " of the first " + canaryEnd + " targets); the others were "
                        + "not started");
            }
        }
        phase(targets, work, results, next, targets.size());
        List<TargetResult> all = new ArrayList<>(targets.size());
        for (int i = 0; i < results.length; i++) {
            all.add(results[i] != null ? results[i] : TargetResult.skipped(targets.get(i), "not started: " + stopReason));
        }
        return new FleetReport(command, all, parallel, Duration.ofNanos(System.nanoTime() - started), stopReason,
                plans.getAsInt());
    }

    /** Runs targets from {@code next} up to {@code end} on as many threads as allowed, and waits for them. */
    private void phase(List<FleetTarget> targets, TargetWork work, TargetResult[] results, AtomicInteger next, int end) {
        int threads = Math.min(parallel, end - next.get());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (stopReason == null) {
                    int i = next.getAndUpdate(value -> value < end ? value + 1 : value);
                    if (i >= end) {
                        return;
                    }
                    results[i] = runOne(targets.get(i), work);
                }
            }, "migrate-fleet-" + (t + 1));
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            joinUninterruptibly(worker);
        }
    }

    private TargetResult runOne(FleetTarget target, TargetWork work) {
        listener.targetStarted(target);
        long started = System.nanoTime();
        StepRecorder recorder = new StepRecorder(listener.migrationListener(target));
        TargetResult result;
        try {
            TargetWork.Done done = work.run(target, recorder);
            result = new TargetResult(target.name(), target.where(), TargetResult.Outcome.OK, done.before(),
                    done.after(), done.migrations(), done.pending(), done.unknown(), elapsed(started), null,
                    ExitCodes.OK);
        } catch (MigrateException e) {
            // Where it was left: the failure says; without one, nothing was written (or, if a migration had
            // started, the engine would have said so).
            List<String> left = e instanceof MigrationFailedException failed ? failed.currentHeads() : recorder.from();
            result = failed(target, recorder, left, started, e.getMessage(), e.exitCode());
        } catch (RuntimeException | Error e) {
            // A bug, but one target's bug must not stop the others from being reported.
            result = failed(target, recorder, recorder.from(), started, "internal error: " + e, ExitCodes.FAILED);
        }
        if (result.outcome() == TargetResult.Outcome.FAILED) {
            int failed = failures.incrementAndGet();
            if (maxFailures > 0 && failed >= maxFailures) {
                stop(failed + (failed == 1 ? " target" : " targets") + " failed (--max-failures " + maxFailures + ")");
            }
        }
        listener.targetFinished(result);
        return result;
    }

    private static TargetResult failed(FleetTarget target, StepRecorder recorder, List<String> left, long started,
                                       String message, int exitCode) {
        return new TargetResult(target.name(), target.where(), TargetResult.Outcome.FAILED, recorder.from(), left,
                recorder.finished(), null, List.of(), elapsed(started), message, exitCode);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void joinUninterruptibly(Thread worker) {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // running migrations finish or roll back; we wait for them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Passes a target's events on, and remembers where its first migration started and how many finished: a failed
     * target's row in the summary says where it came from and how far it got.
     */
    private static final class StepRecorder implements MigrationListener {
        private final MigrationListener delegate;
        private String firstFrom;
        private int finished;

        StepRecorder(MigrationListener delegate) {
            this.delegate = delegate;
        }

        /** Where the first migration started; null (not known) when none started. */
        List<String> from() {
            return firstFrom == null ? null : firstFrom.equals("<base>") ? List.of() : List.of(firstFrom.split(", "));
        }

        int finished() {
            return finished;
        }

        @Override
        public void migrationStarted(StepInfo step) {
            if (firstFrom == null) {
                firstFrom = step.from();
            }
            delegate.migrationStarted(step);
        }

        @Override
        public void migrationFinished(StepInfo step, Duration elapsed) {
            finished++;
            delegate.migrationFinished(step, elapsed);
        }

        @Override
        public void notice(StepInfo step, String message) {
            delegate.notice(step, message);
        }

        @Override
        public void compiling(String source) {
            delegate.compiling(source);
        }

        @Override
        public void warning(String message) {
            delegate.warning(message);
        }

        @Override
        public void waiting(String message) {
            delegate.waiting(message);
        }
    }
}
