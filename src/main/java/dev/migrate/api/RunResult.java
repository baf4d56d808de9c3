package dev.migrate.api;

import java.util.List;

/** What {@code upgrade}, {@code downgrade} or {@code stamp} did: the steps run, and the rows before and after. */
public record RunResult(List<StepInfo> steps, List<String> headsBefore, List<String> headsAfter) {
    public RunResult {
        steps = List.copyOf(steps);
        headsBefore = List.copyOf(headsBefore);
        headsAfter = List.copyOf(headsAfter);
    }
}
