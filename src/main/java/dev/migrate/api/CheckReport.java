package dev.migrate.api;

import java.util.List;

/**
 * What {@code check} found: the folder's size and heads, every problem, and, when the database was checked, the
 * revisions it still lacks (none means it is at head). It passed when there are neither problems nor pending ones
 * and the database, when asked for, could be read.
 *
 * @param databaseError why the database could not be compared with the folder (it could not be reached or read),
 *                      or null when it was compared or not asked for; the folder's own problems are reported either
 *                      way
 */
public record CheckReport(int revisions, List<String> heads, List<Problem> problems, List<String> pending,
                          String databaseError) {
    public CheckReport {
        heads = List.copyOf(heads);
        problems = List.copyOf(problems);
        pending = List.copyOf(pending);
    }

    /** A report of a check that read the database, or was not asked to. */
    public CheckReport(int revisions, List<String> heads, List<Problem> problems, List<String> pending) {
        this(revisions, heads, problems, pending, null);
    }

    public boolean passed() {
        return problems.isEmpty() && pending.isEmpty() && databaseError == null;
    }
}
