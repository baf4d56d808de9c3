package dev.migrate.cli;

import dev.migrate.Takeover;
import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.Problem;
import dev.migrate.db.Dialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "current", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Show the revision(s) the database is at.",
        "Each is marked (head) where nothing follows it; an empty database shows 'base'. "
                + "Never creates the version table or the database file. -v adds messages."})
final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        CurrentState state = root.migrator().current();
        int exitCode = !state.databaseExists() ? ExitCodes.FAILED
                : state.folderValid() ? ExitCodes.OK : ExitCodes.USAGE;
        if (format.json()) {
            root.printer().result(Json.write(Json.current(state)));
            return exitCode;
        }
        if (!state.databaseExists()) {
            throw new DatabaseException("There is no database at " + Dialect.of(root.config().connection())
                    .location(root.config().connection()) + ": the file does not exist, so no revision is applied. "
                    + "Check --url (or DATABASE_URL); `migrate upgrade` creates it.");
        }
        if (state.isEmpty() && !state.otherTables().isEmpty()) {
            // Not an empty database: upgrading it would run every migration over tables that are already there.
            root.printer().result("base (no revision recorded, but the database is not empty)");
            root.printer().result((state.versionTableExists()
                    ? Takeover.emptyVersionTableAdvice(state.otherTables(), root.config().versionTable())
                    : Takeover.advice(state.otherTables(), root.config().versionTable())).strip());
        } else if (state.isEmpty()) {
            // `upgrade head` refuses several heads, so the hint names the command that works for this folder.
            root.printer().result("base (no revision applied; `migrate upgrade " + (state.heads().size() > 1
                    ? "heads" : "head") + "` applies them all)");
        }
        for (CurrentState.Row row : state.rows()) {
            if (!state.folderValid()) {
                root.printer().result(row.revision());
            } else if (!row.known()) {
                root.printer().result(row.revision() + " (unknown: not in " + root.config().location()
                        + "; see `migrate stamp --purge`)");
            } else {
                root.printer().result(row.revision() + (row.head() ? " (head)" : "")
                        + (root.verbose() && !row.message().isEmpty() ? ", " + row.message() : ""));
            }
        }
        if (!state.unfinished().isEmpty()) {
            root.printer().warning("an earlier run did not finish " + String.join(", ", state.unfinished())
                    + " (transaction: false): part of it may be applied, and upgrade and downgrade refuse until a "
                    + "`migrate stamp`; run `migrate upgrade` to see which statements completed.");
        }
        if (!state.folderValid()) {
            StringBuilder problems = new StringBuilder("The rows above are the database's; " + root.config().location()
                    + " has " + state.folderProblems().size() + (state.folderProblems().size() == 1 ? " problem" : " problems")
                    + ", so they are not compared with it (fix them; `migrate check` lists them):");
            for (Problem problem : state.folderProblems()) {
                problems.append("\n  ").append(problem);
            }
            root.printer().warning(problems.toString());
        }
        return exitCode;
    }
}
