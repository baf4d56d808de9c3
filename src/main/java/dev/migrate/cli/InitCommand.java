package dev.migrate.cli;

import dev.migrate.api.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Start a project: a migrations folder with a README, and a commented migrate.toml.",
        "Refuses to overwrite: the folder must be missing or empty, and migrate.toml must not exist."})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "migrations",
            description = "The migrations folder to create. Default: migrations.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        // Where later commands will read it: --config FILE, else migrate.toml in the current folder.
        Path toml = root.configFile != null ? root.configFile : Path.of("migrate.toml");
        if (Files.exists(toml)) {
            throw new UsageException(toml.toAbsolutePath() + " already exists; nothing was written.");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(dir + " already exists and is not empty; nothing was written.");
                }
            }
        } else if (Files.exists(dir)) {
            throw new UsageException(dir + " exists and is not a folder; nothing was written.");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), """
                # Migrations

                One file per revision, managed with `migrate` (`migrate --help`).

                - `migrate revision -m "what it does"` writes a new SQL file on the current head (`--java` for Java).
                - `migrate upgrade head` applies everything; `migrate current` and `migrate history` show where a
                  database is.
                - `migrate check --single-head` in CI fails on broken headers, orphaned down_revisions and
                  branches that were never merged.
                """, StandardCharsets.UTF_8);
        Files.writeString(toml, """
                # Settings for migrate in this project. Command-line options and environment variables win over
                # these; `migrate config` shows the effective values and where each came from.

                dir = "%s"

                # The database. ${NAME} reads an environment variable (an unset one is an error).
                # url = "${DATABASE_URL}"
                # url = "jdbc:sqlite:migrate.db"

                # version_table = "migrate_version"
                # schema = "app"                      # PostgreSQL only
                # transaction_mode = "per-migration"  # or "all": the whole run in one transaction
                # lock_timeout = 60                   # seconds to wait for another runner's lock
                # wait = 30                           # seconds to wait for the database to accept connections

                # How `migrate revision` names new revisions: "random" (12 hex digits), "sequential" (001, 002, ...)
                # or "timestamp" (YYYYMMDD_HHMMSS).
                # revision_id = "random"
                # file_template = "<id>_<slug>.sql"
                """.formatted(dir.toString().replace(java.io.File.separatorChar, '/')), StandardCharsets.UTF_8);
        root.printer().result("Created " + dir + "/ and " + toml + ". Next: migrate revision -m \"first table\"");
        return 0;
    }
}
