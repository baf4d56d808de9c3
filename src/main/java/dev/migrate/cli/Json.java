package dev.migrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.api.CheckReport;
import dev.migrate.api.CurrentState;
import dev.migrate.api.Problem;
import dev.migrate.api.RevisionInfo;

import java.util.List;

/**
 * The {@code --format json} documents, one per command, built as Jackson trees. Field names are snake_case and
 * stable: scripts depend on them (the README documents each document).
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(ObjectNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode revision(RevisionInfo revision) {
        ObjectNode node = object();
        node.put("id", revision.id());
        strings(node.putArray("down_revisions"), revision.downRevisions());
        strings(node.putArray("depends_on"), revision.dependsOn());
        strings(node.putArray("branch_labels"), revision.branchLabels());
        node.put("message", revision.message());
        node.put("path", revision.location());
        node.put("created", revision.created() == null ? null : revision.created().toString());
        node.put("transactional", revision.transactional());
        node.put("has_downgrade", revision.reversible());
        node.put("head", revision.head());
        node.put("branch_point", revision.branchPoint());
        node.put("merge_point", revision.mergePoint());
        node.put("current", revision.current());
        return node;
    }

    static ObjectNode revisions(List<RevisionInfo> revisions) {
        ObjectNode document = object();
        ArrayNode list = document.putArray("revisions");
        revisions.forEach(revision -> list.add(revision(revision)));
        return document;
    }

    static ObjectNode current(CurrentState state) {
        ObjectNode document = object();
        ArrayNode rows = document.putArray("revisions");
        for (CurrentState.Row row : state.rows()) {
            ObjectNode node = rows.addObject();
            node.put("id", row.revision());
            node.put("known", row.known());
            node.put("head", row.head());
            node.put("message", row.message());
        }
        document.put("at_base", state.isEmpty());
        document.put("database_exists", state.databaseExists());
        document.put("version_table_exists", state.versionTableExists());
        strings(document.putArray("other_tables"), state.otherTables());
        strings(document.putArray("heads"), state.heads());
        document.put("folder_valid", state.folderValid());
        strings(document.putArray("unfinished"), state.unfinished());
        ArrayNode problems = document.putArray("folder_problems");
        state.folderProblems().forEach(problem -> problem(problems, problem));
        return document;
    }

    static ObjectNode log(List<dev.migrate.api.LogEntry> entries) {
        ObjectNode document = object();
        ArrayNode list = document.putArray("entries");
        entries.forEach(entry -> logEntry(list.addObject(), entry));
        return document;
    }

    private static void logEntry(ObjectNode node, dev.migrate.api.LogEntry entry) {
        node.put("id", entry.id());
        node.put("revision", entry.revision());
        node.put("direction", entry.direction());
        node.put("checksum", entry.checksum());
        node.put("started_at", entry.startedAt());
        node.put("finished_at", entry.finishedAt());
        node.put("duration_ms", entry.durationMs());
        node.put("database_user", entry.databaseUser());
        node.put("os_user", entry.osUser());
        node.put("host", entry.host());
        node.put("migrate_version", entry.migrateVersion());
        node.put("completed", entry.completed());
    }

    static ObjectNode status(dev.migrate.api.Status status) {
        ObjectNode document = object();
        strings(document.putArray("rows"), status.rows());
        strings(document.putArray("heads"), status.heads());
        if (status.pending() == null) {
            document.putNull("pending"); // not known: the rows name revisions the folder does not have
        } else {
            strings(document.putArray("pending"), status.pending());
        }
        strings(document.putArray("unknown"), status.unknown());
        strings(document.putArray("unfinished"), status.unfinished());
        ArrayNode applied = document.putArray("applied");
        for (dev.migrate.api.AppliedRevision revision : status.applied()) {
            ObjectNode node = applied.addObject();
            node.put("revision", revision.revision());
            node.put("message", revision.message());
            node.put("state", revision.state());
            if (revision.appliedBy() == null) {
                node.putNull("applied_by");
            } else {
                logEntry(node.putObject("applied_by"), revision.appliedBy());
            }
        }
        return document;
    }

    /** {@code databaseError}: why the database could not be compared (then pending is unknown: null), or null. */
    static ObjectNode check(CheckReport report, String databaseError) {
        ObjectNode document = object();
        document.put("ok", report.passed() && databaseError == null);
        document.put("revisions", report.revisions());
        strings(document.putArray("heads"), report.heads());
        ArrayNode problems = document.putArray("problems");
        report.problems().forEach(problem -> problem(problems, problem));
        if (databaseError == null) {
            strings(document.putArray("pending"), report.pending());
        } else {
            document.putNull("pending");
        }
        document.put("database_error", databaseError);
        return document;
    }

    private static void problem(ArrayNode problems, Problem problem) {
        ObjectNode node = problems.addObject();
        node.put("file", problem.file());
        node.put("line", problem.line());
        node.put("revision", problem.revision());
        node.put("message", problem.message());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
