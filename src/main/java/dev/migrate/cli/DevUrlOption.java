package dev.migrate.cli;

import picocli.CommandLine.Option;

/** {@code --dev-url} for the commands that build schemas on scratch databases. */
final class DevUrlOption {
    @Option(names = "--dev-url", paramLabel = "URL",
            description = "PostgreSQL: a database to make scratch schemas in (each dropped afterwards), for users who "
                    + "may not CREATE DATABASE. Default: a temporary database on the server of the command's database.")
    String url;
}
