package dev.migrate.fleet;

import dev.migrate.api.ExitCodes;

import java.time.Duration;
import java.util.List;

/**
 * What happened on one target: one row of the summary, in text and JSON alike.
 *
 * @param target     the target's name
 * @param where      where it is (host, database, schema), never a password
 * @param outcome    ran and succeeded, failed, or was never started
 * @param before     the version table's rows before the command (empty: base); null when a failure came first
 * @param after      the rows after it, where a failed target was left; null when a failure came before reading them
 * @param migrations how many migrations ran (and committed)
 * @param pending    for the reading commands: the migrations an {@code upgrade heads} would run; null when unknown
 * @param unknown    rows the folder does not have (the target needs {@code stamp --purge})
 * @param elapsed    time spent on the target
 * @param error      why it failed or was skipped, with the same message a single-database run prints; null if it ran
 * @param exitCode   the exit code of this target alone
 */
public record TargetResult(String target, String where, Outcome outcome, List<String> before, List<String> after,
                           int migrations, List<String> pending, List<String> unknown, Duration elapsed, String error,
                           int exitCode) {
    public TargetResult {
        before = before == null ? null : List.copyOf(before);
        after = after == null ? null : List.copyOf(after);
        pending = pending == null ? null : List.copyOf(pending);
        unknown = List.copyOf(unknown);
    }

    /** How a target's part of the command ended. */
    public enum Outcome {
        OK, FAILED, SKIPPED;

        /** As the summary shows it: {@code ok}, {@code failed}, {@code skipped}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static TargetResult skipped(FleetTarget target, String reason) {
        return new TargetResult(target.name(), target.where(), Outcome.SKIPPED, null, null, 0, null,
                List.of(), Duration.ZERO, reason, ExitCodes.FAILED);
    }

    /** Whether the target is at the folder's heads (for the reading commands, when the rows were read). */
    public boolean atHead() {
        return outcome == Outcome.OK && pending != null && pending.isEmpty() && unknown.isEmpty();
    }
}
