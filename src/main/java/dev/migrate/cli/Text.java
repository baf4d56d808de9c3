package dev.migrate.cli;

import dev.migrate.api.RevisionInfo;

import java.util.List;

/** Text rendering of the engine's records, in the shapes Alembic users know. */
final class Text {
    private Text() {
    }

    /** Version-table rows for a sentence: "base" when empty. */
    static String heads(List<String> rows) {
        return rows.isEmpty() ? "base (no revision applied)" : String.join(", ", rows);
    }

    static String marks(RevisionInfo revision) {
        return marks(new StringBuilder(), revision).toString();
    }

    private static StringBuilder marks(StringBuilder marks, RevisionInfo revision) {
        if (revision.head()) {
            marks.append(" (head)");
        }
        if (revision.current()) {
            marks.append(" (current)");
        }
        if (revision.branchPoint()) {
            marks.append(" (branchpoint)");
        }
        if (revision.mergePoint()) {
            marks.append(" (mergepoint)");
        }
        return marks;
    }

    /** {@code 07d7d2f65290 -> 3f2a9c1b7d40 (head), add quiz roster tracking}. */
    static String historyLine(RevisionInfo revision) {
        // One builder, not concatenation: history prints a line per revision, 10,000 of them before the JIT is warm.
        StringBuilder line = new StringBuilder(64);
        List<String> parents = revision.downRevisions();
        if (parents.isEmpty()) {
            line.append("<base>");
        }
        for (int i = 0; i < parents.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(parents.get(i));
        }
        marks(line.append(" -> ").append(revision.id()), revision);
        if (!revision.message().isEmpty()) {
            line.append(", ").append(revision.message());
        }
        return line.toString();
    }

    /** Every detail of one revision, for {@code show} and the verbose listings. */
    static String block(RevisionInfo revision) {
        StringBuilder text = new StringBuilder();
        text.append("Revision: ").append(revision.id()).append(marks(revision)).append('\n');
        text.append(revision.downRevisions().size() > 1 ? "Parents: " : "Parent: ")
                .append(revision.downRevisions().isEmpty() ? "<base>"
                        : String.join(", ", revision.downRevisions())).append('\n');
        if (!revision.dependsOn().isEmpty()) {
            text.append("Depends on: ").append(String.join(", ", revision.dependsOn())).append('\n');
        }
        if (!revision.branchLabels().isEmpty()) {
            text.append("Branch labels: ").append(String.join(", ", revision.branchLabels())).append('\n');
        }
        text.append("Path: ").append(revision.location()).append('\n');
        if (revision.created() != null) {
            text.append("Created: ").append(revision.created()).append('\n');
        }
        text.append("Transaction: ").append(revision.transactional() ? "yes" : "no (runs in autocommit)")
                .append(", downgrade: ").append(revision.reversible() ? "yes" : "no (irreversible)").append('\n');
        if (!revision.message().isEmpty()) {
            text.append('\n').append("    ").append(revision.message()).append('\n');
        }
        return text.toString();
    }

    /**
     * {@code 2026-11-23T15:00:00Z  upgrade    3f2a9c1b7d40  sha 1a2b3c4d5e6f  12 ms  alice@build-7 (database user app)},
     * the time and the revision padded to these widths, so the entries of one listing stand in columns.
     */
    static String logLine(dev.migrate.api.LogEntry entry, LogColumns columns) {
        String state = Boolean.FALSE.equals(entry.completed()) ? "  DID NOT FINISH" : "";
        String checksum = entry.checksum() == null ? "sha -"
                : "sha " + entry.checksum().substring(0, Math.min(12, entry.checksum().length()));
        String duration = entry.durationMs() == null ? "" : entry.durationMs() + " ms";
        return padded(entry.startedAt(), columns.time()) + "  "
                + String.format(java.util.Locale.ROOT, "%-9s", entry.direction()) + "  "
                + padded(entry.revision(), columns.id()) + "  " + padded(checksum, "sha ".length() + 12) + "  "
                + " ".repeat(Math.max(0, columns.duration() - duration.length())) + duration + "  " + entry.by()
                + state;
    }

    /** The widths of a listing's time, id and duration columns: the widest of its entries. */
    record LogColumns(int time, int id, int duration) {
        static LogColumns of(List<dev.migrate.api.LogEntry> entries) {
            int time = 0;
            int id = 0;
            int duration = 0;
            for (dev.migrate.api.LogEntry entry : entries) {
                time = Math.max(time, String.valueOf(entry.startedAt()).length());
                id = Math.max(id, entry.revision().length());
                duration = Math.max(duration, entry.durationMs() == null ? 0 : (entry.durationMs() + " ms").length());
            }
            return new LogColumns(time, id, duration);
        }
    }

    /** The ids, or the first and last few of a long list with how many are between: {@code a, b, ... (996 more), y, z}. */
    static String someOf(List<String> ids, int most) {
        if (ids.size() <= most) {
            return String.join(", ", ids);
        }
        int head = most / 2;
        int tail = most - head;
        return String.join(", ", ids.subList(0, head)) + ", ... (" + (ids.size() - most) + " more), "
                + String.join(", ", ids.subList(ids.size() - tail, ids.size()));
    }

    private static String padded(String text, int width) {
        String shown = String.valueOf(text);
        return shown.length() >= width ? shown : shown + " ".repeat(width - shown.length());
    }

    /** {@code   ok       3f2a9c1b7d40  applied 2026-... by alice@build-7, add quiz roster}. */
    static String appliedLine(dev.migrate.api.AppliedRevision revision, int idWidth) {
        dev.migrate.api.LogEntry by = revision.appliedBy();
        return "  " + String.format(java.util.Locale.ROOT, "%-10s %-" + idWidth + "s", revision.state(),
                revision.revision())
                + (by == null ? "  (no log row)" : "  " + by.direction() + " " + by.startedAt() + " by " + by.by())
                + (revision.message().isEmpty() ? "" : ", " + revision.message());
    }
}
