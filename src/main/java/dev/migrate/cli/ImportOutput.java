package dev.migrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.api.HistoryStamp;
import dev.migrate.api.ImportReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code migrate import}'s report, as text lines and as one JSON document, from the same record. */
final class ImportOutput {
    private ImportOutput() {
    }

    static List<String> text(ImportReport report, String versionTable) {
        List<String> lines = new ArrayList<>();
        long written = report.files().stream().filter(f -> f.outcome() == ImportReport.Outcome.WRITTEN).count();
        lines.add("Imported " + report.files().size() + " " + report.tool() + " migration"
                + (report.files().size() == 1 ? "" : "s") + " from " + report.source() + " into " + report.target()
                + " (" + written + " written, " + (report.files().size() - written) + " already there):");
        for (ImportReport.File file : report.files()) {
            String from = String.join(", ", file.from().stream().map(p -> p.getFileName().toString()).toList());
            switch (file.outcome()) {
                case WRITTEN -> lines.add("  wrote " + file.path() + " (from " + from + ")");
                case UNCHANGED -> lines.add("  unchanged " + file.path());
                case KEPT -> lines.add("  kept " + file.path() + ": it differs from what the import writes (edited "
                        + "since?), so it was left as it is");
            }
        }
        if (!report.notConverted().isEmpty()) {
            lines.add("Not converted (" + report.notConverted().size() + "):");
            for (ImportReport.NotConverted item : report.notConverted()) {
                lines.add("  " + item.file() + ": " + item.reason() + ".");
            }
        }
        for (String note : report.notes()) {
            lines.add("Note: " + note);
        }
        HistoryStamp history = report.history();
        if (history != null) {
            String at = history.revision() == null ? "base (no revision)" : history.revision();
            lines.add(history.table() + " says: " + history.recorded() + ".");
            lines.add(history.alreadyStamped()
                    ? versionTable + " already records " + at + "; nothing to stamp."
                    : "Stamped " + versionTable + " at " + at + " (was " + Text.heads(history.headsBefore())
                    + "). No migration was run; `migrate upgrade head` applies the rest.");
        } else if (report.complete()) {
            lines.add("Next: `migrate check`; for a database " + report.tool() + " already migrated, run this import "
                    + "again with --url URL to stamp the revision its history records.");
        } else {
            lines.add("Write the revisions named above by hand (each keeps its place: the next revision names it as its "
                    + "down_revision), then run the import again and `migrate check`.");
        }
        return lines;
    }

    static ObjectNode json(ImportReport report) {
        ObjectNode document = Json.object();
        document.put("tool", report.tool());
        document.put("source", report.source().toString());
        document.put("target", report.target().toString());
        document.put("complete", report.complete());
        ArrayNode files = document.putArray("files");
        for (ImportReport.File file : report.files()) {
            ObjectNode node = files.addObject();
            node.put("revision", file.revision());
            node.put("path", file.path().toString());
            node.put("outcome", file.outcome().name().toLowerCase(Locale.ROOT));
            ArrayNode from = node.putArray("from");
            file.from().stream().map(Path::toString).forEach(from::add);
        }
        ArrayNode notConverted = document.putArray("not_converted");
        for (ImportReport.NotConverted item : report.notConverted()) {
            notConverted.addObject().put("file", item.file().toString()).put("reason", item.reason());
        }
        ArrayNode notes = document.putArray("notes");
        report.notes().forEach(notes::add);
        HistoryStamp history = report.history();
        if (history == null) {
            document.putNull("history");
        } else {
            ObjectNode node = document.putObject("history");
            node.put("table", history.table());
            node.put("recorded", history.recorded());
            node.put("revision", history.revision());
            node.put("already_stamped", history.alreadyStamped());
            ArrayNode before = node.putArray("heads_before");
            history.headsBefore().forEach(before::add);
            ArrayNode after = node.putArray("heads_after");
            history.headsAfter().forEach(after::add);
        }
        return document;
    }
}
