package dev.migrate.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json} for the commands that report rather than act. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document, documented in the README.")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
