package dev.migrate.cli;

import dev.migrate.api.LogEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Override
    public Integer call() {
        List<LogEntry> entries = root.migrator().log();
        if (format.json()) {
            root.printer().result(Json.write(Json.log(entries)));
            return 0;
        }
        if (entries.isEmpty()) {
            root.printer().result("The log is empty: nothing has been run on this database by a migrate that keeps it.");
        }
        root.printer().results(entries.stream().map(Text::logLine).toList());
        return 0;
    }
}
