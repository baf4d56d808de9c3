package dev.migrate.fleet;

import dev.migrate.api.ExitCodes;

import java.time.Duration;
import java.util.List;

/**
 * A whole fleet command: one result per selected target, in the targets file's order.
 *
 * @param command        what ran, as typed: {@code upgrade head}
 * @param results        one per target
 * @param parallel       the most targets (and connections) at once
 * @param elapsed        wall time of the whole command
 * @param stoppedBecause why scheduling stopped early (canary failed, --max-failures, interrupted); null if it did not
 * @param plans          plans made: one per distinct starting revision, however many targets
 */
public record FleetReport(String command, List<TargetResult> results, int parallel, Duration elapsed,
                          String stoppedBecause, int plans) {
    public FleetReport {
        results = List.copyOf(results);
    }

    public long count(TargetResult.Outcome outcome) {
        return results.stream().filter(result -> result.outcome() == outcome).count();
    }

    /**
     * The worst target's exit code: 0 when every target ran; a failure's own code (1, or 2 for a refusal such as an
     * irreversible downgrade); 1 for targets that never started, since the fleet is not where the command was meant
     * to bring it.
     */
    public int exitCode() {
        return results.stream().mapToInt(result -> result.outcome() == TargetResult.Outcome.OK ? ExitCodes.OK
                : result.exitCode()).max().orElse(ExitCodes.OK);
    }
}
