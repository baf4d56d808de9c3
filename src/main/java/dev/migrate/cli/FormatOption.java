package dev.migrate.cli;

import dev.migrate.api.UsageException;
import picocli.CommandLine.Option;

/** {@code --format text|json} for the commands that report rather than act. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document, documented in the README.")
    String format;

    boolean json() {
        switch (format) {
            case "json":
                return true;
            case "text":
                return false;
            default:
                throw new UsageException("--format must be 'text' or 'json', not '" + format + "'.");
        }
    }
}
