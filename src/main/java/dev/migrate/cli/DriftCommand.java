package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.schema.DriftReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Compare the database's schema with the schema its recorded revisions should produce; exit 3 if they differ.",
        "Builds the expected schema on a scratch database (a temporary SQLite file, or a temporary PostgreSQL "
                + "database on the same server; --dev-url names a database to work in instead) and prints each "
                + "difference: '-' is missing from the database, '+' is in the database but not in the migrations, "
                + "'~' differs. Writes nothing to the database."})
final class DriftCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Mixin
    DevUrlOption devUrl;

    @Override
    public Integer call() {
        boolean json = format.json();
        DriftReport report = root.migrator().drift(devUrl.url);
        if (json) {
            root.printer().result(Json.write(SchemaJson.drift(report)));
        } else if (!report.drifted()) {
            root.printer().result("No drift: " + report.database() + " has the schema of "
                    + (report.revisions().isEmpty() ? "base (no revision applied)" : String.join(", ", report.revisions()))
                    + ".");
        } else {
            root.printer().result(report.database() + " differs from the schema of " + (report.revisions().isEmpty()
                    ? "base (no revision applied)" : String.join(", ", report.revisions()))
                    + " ('-' missing from the database, '+' not in the migrations):");
            report.diff().lines("  ").forEach(root.printer()::result);
            root.printer().result("Write a migration for the differences (migrate revision --autogenerate), or "
                    + "undo the hand changes.");
        }
        return report.drifted() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
