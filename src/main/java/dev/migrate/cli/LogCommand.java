package dev.migrate.cli;

import dev.migrate.api.LogEntry;
import dev.migrate.api.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "log", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Show the applied-migrations log, newest first.",
        "One line per step ever run on the database, stamped or accepted: when, which direction, the revision, the "
                + "checksum of the section that ran, how long it took, and who ran it from where."})
final class LogCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Only the newest N entries.")
    Integer limit;

    @Option(names = {"-r", "--revision"}, paramLabel = "REV",
            description = "Only the entries of this revision (an id the log holds, or a unique prefix of one).")
    String revision;

    @Override
    public Integer call() {
        if (revision != null && revision.isBlank()) {
            throw new UsageException("--revision needs a revision id (or a unique prefix of one).");
        }
        if (limit != null && limit < 1) {
            throw new UsageException("-n/--limit must be 1 or more, not " + limit + ".");
        }
        List<LogEntry> entries = root.migrator().log(revision, limit == null ? 0 : limit);
        if (format.json()) {
            root.printer().result(Json.write(Json.log(entries)));
            return 0;
        }
        if (entries.isEmpty()) {
            root.printer().result("The log is empty: nothing has been run on this database by a migrate that keeps it.");
        }
        // Columns: ids, durations (and times, which drop zero milliseconds) differ in length.
        Text.LogColumns columns = Text.LogColumns.of(entries);
        root.printer().results(entries.stream().map(entry -> Text.logLine(entry, columns)).toList());
        return 0;
    }
}
