package dev.migrate.api;

import java.util.List;

/**
 * The old tool's history, read and stamped by {@code migrate import --url}: which table, what it records in the
 * tool's own terms, the revision that corresponds to it ({@code null}: nothing applied, base), and the version
 * table's rows before and after. {@code alreadyStamped} when an earlier import had stamped the same rows.
 */
public record HistoryStamp(String table, String recorded, String revision, List<String> headsBefore,
                           List<String> headsAfter, boolean alreadyStamped) {
    public HistoryStamp {
        headsBefore = List.copyOf(headsBefore);
        headsAfter = List.copyOf(headsAfter);
    }
}
