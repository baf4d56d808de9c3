package dev.migrate.cli;

import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * Prints progress as it happens: "Running upgrade A -> B, message" when a migration starts, its time when it ends,
 * so a long migration is visible while it runs. Quiet mode prints nothing but errors.
 */
final class Printer implements MigrationListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final Colors colors;
    private boolean lineOpen;

    Printer(PrintWriter out, PrintWriter err, boolean quiet, Colors colors) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.colors = colors;
    }

    /** A remark about how the command runs (waiting, the effective configuration): stderr, so stdout stays data. */
    void note(String line) {
        if (!quiet) {
            endLine();
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void warning(String message) {
        endLine();
        err.println(colors.yellow("warning:") + " " + message);
        err.flush();
    }

    @Override
    public void compiling(String source) {
        note("Compiling " + source + " (cached for later runs)...");
    }

    @Override
    public void waiting(String message) {
        note(message);
    }

    /**
     * Server messages (and a Java migration's log) go under the migration's line, indented, even with -q: they may
     * explain a surprise. With -q that line is not printed, so each message names its revision instead.
     */
    @Override
    public void notice(StepInfo step, String message) {
        endLine();
        String indented = (quiet ? step.revision() + ": " : "  ")
                + message.strip().replace("\n", "\n    "); // continuation lines stay under it
        out.println(message.startsWith("WARNING") ? colors.yellow(indented) : indented);
        out.flush();
    }

    /** A line of normal output; suppressed by {@code -q}. */
    void info(String line) {
        if (!quiet) {
            endLine();
            out.println(line);
            out.flush();
        }
    }

    /** A line of the command's result (what {@code current}, {@code history} report); printed even with {@code -q}. */
    void result(String line) {
        endLine();
        out.println(line);
    }

    /**
     * Many lines of a result ({@code history}, {@code log}), flushed once at the end rather than line by line: on
     * 10,000 revisions a write per line was 10,000 system calls.
     */
    void results(List<String> lines) {
        endLine();
        String separator = System.lineSeparator();
        int written = 0;
        for (String line : lines) {
            out.print(line);
            out.print(separator); // print, not println: println flushes every line
            if (++written % 1024 == 0 && out.checkError()) {
                return; // the reader is gone (`| head`) or the disk is full: Main says which, once
            }
        }
        out.flush();
    }

    /** Where a long result (a script) is written as it is produced, on a line of its own; the caller flushes it. */
    PrintWriter resultOutput() {
        endLine();
        return out;
    }

    @Override
    public void migrationStarted(StepInfo step) {
        if (quiet) {
            return;
        }
        endLine();
        out.print(colors.bold("Running " + step.direction()) + " " + step.from() + " -> " + step.to()
                + (step.message().isEmpty() ? "" : ", " + step.message()));
        out.flush();
        lineOpen = true;
    }

    @Override
    public void migrationFinished(StepInfo step, Duration elapsed) {
        if (quiet) {
            return;
        }
        String time = " (" + elapsed.toMillis() + " ms)";
        if (lineOpen) {
            out.println(time);
        } else {
            out.println("  done" + time);
        }
        out.flush();
        lineOpen = false;
    }

    /** Ends a progress line left open by a failure, so the error starts on a line of its own. */
    void endLine() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }
}
