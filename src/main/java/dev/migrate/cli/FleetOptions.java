package dev.migrate.cli;

import dev.migrate.api.UsageException;
import dev.migrate.fleet.Selection;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options every fleet command shares: which targets, how many at once, and when to stop. */
final class FleetOptions {
    static final int DEFAULT_PARALLEL = 4;

    @Option(names = "--targets", paramLabel = "FILE",
            description = "The targets file: [targets.NAME] tables. Default: the [targets] tables of migrate.toml.")
    Path targetsFile;

    @Option(names = "--target", paramLabel = "NAME",
            description = "A target of the targets file, or one schema of it as NAME/SCHEMA. Repeatable.")
    List<String> names;

    @Option(names = "--group", paramLabel = "GROUP", description = "Every target in GROUP. Repeatable.")
    List<String> groups;

    @Option(names = "--all", description = "Every target of the targets file.")
    boolean all;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + DEFAULT_PARALLEL,
            description = "Targets (and connections) at once. Default: " + DEFAULT_PARALLEL + ".")
    int parallel;

    @Option(names = "--canary", paramLabel = "N", defaultValue = "0",
            description = "Run the first N targets alone first; if any fails, start no other. Default: no canary.")
    int canary;

    @Option(names = "--max-failures", paramLabel = "K", defaultValue = "0",
            description = "Start no new target once K targets have failed (running ones finish). Default: no limit.")
    int maxFailures;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default): progress on stderr, a summary table on stdout. json: one JSON document.")
    String format;

    Selection selection() {
        return new Selection(names == null ? List.of() : names, groups == null ? List.of() : groups, all);
    }

    boolean json() {
        return switch (format) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new UsageException("--format must be 'text' or 'json', not '" + format + "'.");
        };
    }

    /** Refuses settings that cannot mean anything, before anything runs. */
    void validate() {
        if (parallel < 1) {
            throw new UsageException("--parallel must be 1 or more, not " + parallel + ".");
        }
        if (canary < 0) {
            throw new UsageException("--canary must be 0 (no canary) or more, not " + canary + ".");
        }
        if (maxFailures < 0) {
            throw new UsageException("--max-failures must be 0 (no limit) or more, not " + maxFailures + ".");
        }
        json();
    }
}
