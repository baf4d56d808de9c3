package dev.migrate.api;

import java.util.List;

/** What {@code check} found: the folder's size and heads, and every problem (none means it passed). */
public record CheckReport(int revisions, List<String> heads, List<Problem> problems) {
    public CheckReport {
        heads = List.copyOf(heads);
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
