package dev.migrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.schema.BranchOrderTest;
import dev.migrate.schema.DatabaseSchema;
import dev.migrate.schema.DriftReport;
import dev.migrate.schema.MigrationTestReport;
import dev.migrate.schema.RevisionTest;
import dev.migrate.schema.SchemaDiff;
import dev.migrate.schema.SchemaObject;

import java.util.Locale;
import java.util.Map;

/**
 * The JSON documents of {@code schema}, {@code drift}, {@code test} and {@code revision --autogenerate}: same records as
 * the text.
 */
final class SchemaJson {
    private SchemaJson() {
    }

    /** {@code [{"action", "kind", "name", "table", "text", "before", "after", "differences"}]}. */
    static ArrayNode diff(SchemaDiff diff) {
        ArrayNode changes = Json.object().arrayNode();
        for (SchemaDiff.Change change : diff.shown()) {
            ObjectNode node = changes.addObject();
            node.put("action", change.action().name().toLowerCase(Locale.ROOT));
            node.put("kind", change.object().kind().label());
            node.put("name", change.object().name());
            node.put("table", change.object().table());
            node.put("text", change.toString());
            properties(node, "before", change.before());
            properties(node, "after", change.after());
            ArrayNode differences = node.putArray("differences");
            for (SchemaDiff.Difference difference : change.differences()) {
                differences.addObject().put("property", difference.property()).put("before", difference.before())
                        .put("after", difference.after());
            }
        }
        return changes;
    }

    private static void properties(ObjectNode node, String field, SchemaObject object) {
        if (object == null) {
            node.putNull(field);
            return;
        }
        ObjectNode properties = node.putObject(field);
        for (Map.Entry<String, String> property : object.properties().entrySet()) {
            properties.put(property.getKey(), property.getValue());
        }
    }

    /**
     * {@code {"database", "dialect", "schema", "objects": [{"kind", "name", "table", "position", "properties",
     * "depends_on"}]}}: the objects of the model, with the property names the diff uses.
     */
    static ObjectNode schema(DatabaseSchema schema) {
        ObjectNode document = Json.object();
        document.put("database", schema.database());
        document.put("dialect", schema.model().dialect());
        document.put("schema", schema.model().schema());
        ArrayNode objects = document.putArray("objects");
        for (SchemaObject object : schema.model().objects()) {
            ObjectNode node = objects.addObject();
            node.put("kind", object.kind().label());
            node.put("name", object.name());
            node.put("table", object.table());
            if (object.kind() == dev.migrate.schema.Kind.COLUMN) {
                node.put("position", object.position());
            }
            properties(node, "properties", object);
            if (!object.dependsOn().isEmpty()) {
                ArrayNode dependsOn = node.putArray("depends_on");
                object.dependsOn().stream().sorted().forEach(dependsOn::add);
            }
        }
        return document;
    }

    static ObjectNode drift(DriftReport report) {
        ObjectNode document = Json.object();
        document.put("drifted", report.drifted());
        document.put("database", report.database());
        ArrayNode revisions = document.putArray("revisions");
        report.revisions().forEach(revisions::add);
        document.set("changes", diff(report.diff()));
        return document;
    }

    static ObjectNode test(MigrationTestReport report) {
        ObjectNode document = Json.object();
        document.put("ok", report.passed());
        document.put("database", report.database());
        ArrayNode revisions = document.putArray("revisions");
        for (RevisionTest test : report.revisions()) {
            ObjectNode node = revisions.addObject();
            node.put("revision", test.revision());
            node.put("message", test.message());
            node.put("outcome", test.outcome().name().toLowerCase(Locale.ROOT));
            node.set("downgrade_diff", diff(test.downgradeDiff()));
            node.set("repeat_diff", diff(test.repeatDiff()));
            node.put("failure", test.failure());
        }
        ArrayNode orders = document.putArray("branch_orders");
        for (BranchOrderTest order : report.branchOrders()) {
            ObjectNode node = orders.addObject();
            node.put("merge", order.merge());
            node.put("first", order.first());
            node.put("second", order.second());
            node.put("commute", order.passed());
            node.set("diff", diff(order.diff()));
            node.put("failure", order.failure());
        }
        ArrayNode notReached = document.putArray("not_reached");
        report.notReached().forEach(notReached::add);
        return document;
    }
}
