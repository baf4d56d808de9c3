package dev.migrate.cli;

import dev.migrate.api.LogEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** log's text: entries of one listing stand in columns whatever the lengths of their ids, checksums and durations. */
class LogLinesTest {
    private static LogEntry entry(String startedAt, String revision, String checksum, Long durationMs) {
        return new LogEntry(1, revision, "upgrade", checksum, startedAt, startedAt, durationMs, "app", "alice",
                "build-7", "1.0", true);
    }

    @Test
    void everyColumnStartsAtTheSamePlace() {
        List<LogEntry> entries = List.of(
                entry("2026-12-04T04:34:55.319Z", "slow", "9120f25b9c6d0000", 135L),
                entry("2026-12-04T04:34:55Z", "2", null, 2L),
                entry("2026-12-04T04:34:46.799Z", "a_much_longer_id", "6e33fe3bf003aaaa", null));
        Text.LogColumns columns = Text.LogColumns.of(entries);
        List<String> lines = entries.stream().map(entry -> Text.logLine(entry, columns)).toList();
        for (String column : List.of("upgrade", " sha ", "alice@")) {
            assertEquals(1, lines.stream().map(line -> line.indexOf(column)).distinct().count(),
                    column + " in one column:\n" + String.join("\n", lines));
        }
        assertEquals(1, lines.stream().map(line -> line.indexOf(" ms") < 0 ? -1 : line.indexOf(" ms"))
                .filter(i -> i >= 0).distinct().count(), "durations end in one column:\n" + String.join("\n", lines));
    }
}
