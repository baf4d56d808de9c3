package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.fleet.FleetReport;
import dev.migrate.fleet.TargetResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The text summary of a fleet command: a table, one row per target, then each failure in full, then the totals. */
final class FleetSummary {
    private FleetSummary() {
    }

    /** What a fleet command reports, which decides the table's columns and the exit code. */
    enum Kind {
        /** upgrade, downgrade, stamp: from, to, migrations run. */
        RUN,
        /** current: each target's revision. */
        CURRENT,
        /** status: revision and pending migrations. */
        STATUS,
        /** check: as status, and exit 3 unless every target is at head. */
        CHECK;

        /**
         * The worst target's exit code (see {@link #exitCode(TargetResult)}), or the report's own when it is worse
         * (targets skipped).
         */
        int exitCode(FleetReport report) {
            return report.results().stream().mapToInt(this::exitCode).reduce(report.exitCode(), Math::max);
        }

        /**
         * One target's exit code: its failure's; for one whose rows were read, 3 under check when it is not at head,
         * and under status (as a single database's status) when it names a revision the folder does not have.
         */
        int exitCode(TargetResult result) {
            if (result.outcome() != TargetResult.Outcome.OK) {
                return result.exitCode();
            }
            boolean notAtHead = this == CHECK && !result.atHead();
            boolean unknownRows = this == STATUS && !result.unknown().isEmpty();
            return notAtHead || unknownRows ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
        }

        /** The result column: what happened, or where the target stands. */
        String result(TargetResult result) {
            if (result.outcome() != TargetResult.Outcome.OK || this == RUN) {
                return result.outcome().word();
            }
            if (!result.unknown().isEmpty()) {
                return "unknown revision (stamp --purge)"; // current too: plain `current` marks it as well
            }
            if (this == CURRENT) {
                return result.outcome().word();
            }
            return result.pending().isEmpty() ? "at head" : result.pending().size() + " pending";
        }
    }

    static void print(Printer printer, FleetReport report, Kind kind) {
        List<String[]> rows = new ArrayList<>();
        rows.add(kind == Kind.RUN ? new String[] {"TARGET", "FROM", "TO", "MIGRATIONS", "TIME", "RESULT"}
                : new String[] {"TARGET", "REVISION", "RESULT"});
        for (TargetResult result : report.results()) {
            rows.add(kind == Kind.RUN
                    ? new String[] {result.target(), revisions(result.before()), revisions(result.after()),
                    result.outcome() == TargetResult.Outcome.SKIPPED ? "" : String.valueOf(result.migrations()),
                    result.outcome() == TargetResult.Outcome.SKIPPED ? "" : time(result.elapsed()), kind.result(result)}
                    : new String[] {result.target(), revisions(result.before()), kind.result(result)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            printer.result(line.toString().stripTrailing());
        }
        List<TargetResult> failed = report.results().stream()
                .filter(result -> result.outcome() == TargetResult.Outcome.FAILED).toList();
        if (!failed.isEmpty()) {
            printer.result("");
            printer.result(failed.size() == 1 ? "Failed target:" : "Failed targets:");
            for (TargetResult result : failed) {
                printer.result(result.target() + " (" + result.where() + "):");
                printer.result("  " + result.error().replace("\n", "\n  "));
            }
        }
        printer.result("");
        printer.result(totals(report, kind));
        if (report.stoppedBecause() != null) {
            printer.result("Stopped early: " + report.stoppedBecause() + ".");
        }
    }

    /** {@code 250 targets in 3.1 s (--parallel 8): 248 ok, 1 failed, 1 skipped; 3 plans}. */
    static String totals(FleetReport report, Kind kind) {
        int size = report.results().size();
        StringBuilder line = new StringBuilder().append(size).append(size == 1 ? " target" : " targets")
                .append(" in ").append(time(report.elapsed())).append(" (--parallel ").append(report.parallel())
                .append("): ").append(report.count(TargetResult.Outcome.OK)).append(" ok, ")
                .append(report.count(TargetResult.Outcome.FAILED)).append(" failed, ")
                .append(report.count(TargetResult.Outcome.SKIPPED)).append(" skipped");
        if (kind == Kind.STATUS || kind == Kind.CHECK) {
            long atHead = report.results().stream().filter(TargetResult::atHead).count();
            long notAtHead = report.count(TargetResult.Outcome.OK) - atHead;
            line.append("; ").append(atHead).append(" at head");
            if (notAtHead > 0) {
                // "2 ok" counts targets whose rows were read; this says how many of them are not where they should be.
                line.append(", ").append(notAtHead).append(" not");
                long unknown = report.results().stream().filter(r -> r.outcome() == TargetResult.Outcome.OK
                        && !r.unknown().isEmpty()).count();
                if (kind == Kind.CHECK) {
                    line.append(" (check exits 3 until every target is at head)");
                } else if (unknown > 0) {
                    line.append(" (").append(unknown).append(" at an unknown revision: status exits 3)");
                }
            }
        }
        if (kind == Kind.RUN) {
            line.append("; ").append(report.plans()).append(report.plans() == 1 ? " plan" : " plans")
                    .append(" (one per starting revision)");
        }
        return line.append('.').toString();
    }

    /** Version-table rows for the table: {@code base} when empty, {@code ?} when not known. */
    static String revisions(List<String> rows) {
        return rows == null ? "?" : rows.isEmpty() ? "base" : String.join(",", rows);
    }

    static String time(Duration elapsed) {
        long millis = elapsed.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
