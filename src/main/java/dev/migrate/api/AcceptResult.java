package dev.migrate.api;

import java.util.List;

/**
 * What {@code accept} did: the revisions whose current file text (or removal) it recorded, and, of the revisions it
 * was asked for by name, those it left alone and why.
 *
 * @param accepted   the revisions accepted, as the log now records them
 * @param unchanged  named revisions whose files still hold what the log recorded: nothing to accept
 * @param unrecorded named revisions the log recorded no text for (applied before the log existed): nothing to
 *                   compare, so nothing to accept
 */
public record AcceptResult(List<String> accepted, List<String> unchanged, List<String> unrecorded) {
    public AcceptResult {
        accepted = List.copyOf(accepted);
        unchanged = List.copyOf(unchanged);
        unrecorded = List.copyOf(unrecorded);
    }
}
