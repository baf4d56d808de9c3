package dev.migrate.api;

import java.util.List;

/**
 * What {@code check} found: the folder's size and heads, every problem, and, when the database was checked, the
 * revisions it still lacks (none means it is at head). It passed when there are neither problems nor pending ones.
 */
public record CheckReport(int revisions, List<String> heads, List<Problem> problems, List<String> pending) {
    public CheckReport {
        heads = List.copyOf(heads);
        problems = List.copyOf(problems);
        pending = List.copyOf(pending);
    }

    public boolean passed() {
        return problems.isEmpty() && pending.isEmpty();
    }
}
