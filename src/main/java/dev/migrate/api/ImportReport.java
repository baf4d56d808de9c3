package dev.migrate.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code migrate import} did: each native file and whether it was written now, already there, or kept as
 * someone edited it; every source file it could not convert, with the reason; notes on what changed in meaning;
 * and, when the database was read, what the old tool's history said and what was stamped.
 *
 * @param tool    the tool's name as users write it, e.g. {@code golang-migrate}
 * @param history null unless the history table was read
 */
public record ImportReport(String tool, Path source, Path target, List<File> files, List<NotConverted> notConverted,
                           List<String> notes, HistoryStamp history) {
    public ImportReport {
        files = List.copyOf(files);
        notConverted = List.copyOf(notConverted);
        notes = List.copyOf(notes);
    }

    /** Whether every migration of the source became a native file. */
    public boolean complete() {
        return notConverted.isEmpty();
    }

    /** What happened to one native file. */
    public enum Outcome {
        /** Written by this run. */
        WRITTEN,
        /** Already there with exactly the content this run would write (a re-run). */
        UNCHANGED,
        /** Already there with other content, presumably edited after an earlier import: left as it is. */
        KEPT
    }

    /** One native file: its revision, where it is, the source files it came from. */
    public record File(String revision, Path path, List<Path> from, Outcome outcome) {
        public File {
            from = List.copyOf(from);
        }
    }

    /** A source file that has no native equivalent, and why (a Go migration, a templated file, ...). */
    public record NotConverted(Path file, String reason) {
    }
}
