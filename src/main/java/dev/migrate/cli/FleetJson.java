package dev.migrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.fleet.FleetReport;
import dev.migrate.fleet.TargetResult;

import java.util.List;

/** The {@code --format json} document of a fleet command, from the same records as the text summary. */
final class FleetJson {
    private FleetJson() {
    }

    static ObjectNode report(FleetReport report, FleetSummary.Kind kind) {
        ObjectNode document = Json.object();
        document.put("command", report.command());
        document.put("exit_code", kind.exitCode(report));
        document.put("parallel", report.parallel());
        document.put("elapsed_ms", report.elapsed().toMillis());
        document.put("stopped_because", report.stoppedBecause());
        document.put("plans", report.plans());
        ObjectNode counts = document.putObject("counts");
        for (TargetResult.Outcome outcome : TargetResult.Outcome.values()) {
            counts.put(outcome.word(), report.count(outcome));
        }
        ArrayNode targets = document.putArray("targets");
        for (TargetResult result : report.results()) {
            ObjectNode node = targets.addObject();
            node.put("name", result.target());
            node.put("where", result.where());
            node.put("result", result.outcome().word());
            strings(node, "from", result.before());
            strings(node, "to", result.after());
            node.put("migrations", result.migrations());
            if (kind != FleetSummary.Kind.RUN) {
                strings(node, "pending", result.pending());
                strings(node, "unknown", result.unknown());
                node.put("at_head", result.atHead());
            }
            node.put("time_ms", result.elapsed().toMillis());
            node.put("error", result.error());
            node.put("exit_code", kind.exitCode(result));
        }
        return document;
    }

    /** A list, or null when it is not known (a target that failed before its rows were read). */
    private static void strings(ObjectNode node, String field, List<String> values) {
        if (values == null) {
            node.putNull(field);
        } else {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }
}
