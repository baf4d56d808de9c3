package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.Problem;
import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.Dialect;
import dev.migrate.db.ProgressTable;
import dev.migrate.engine.Placeholders;
import dev.migrate.graph.Step;
import dev.migrate.source.SqlMigration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold before a run writes anything, checked on the planned steps: a command that refuses leaves the
 * database as it was. A plan is checked before the lock and again after it (the second plan may differ when another
 * runner moved the database meanwhile); each step's files are read for this only once.
 */
final class RunChecks {
    private final MigrateConfig config;
    private final Migrations.Loaded folder;
    private final Set<String> checked = new HashSet<>();

    RunChecks(MigrateConfig config, Migrations.Loaded folder) {
        this.config = config;
        this.folder = folder;
    }

    /** Refuses (exit 2) a plan that cannot run as configured; see {@link #statementsReady}. */
    void beforeRunning(List<Step> steps, Dialect dialect) {
        if (config.transactionMode() == TransactionMode.ALL) {
            List<String> outside = steps.stream().filter(step -> !step.revision().transactional())
                    .map(step -> step.revision().id()).toList();
            if (!outside.isEmpty()) {
                throw new UsageException("--transaction-mode all cannot include " + String.join(", ", outside)
                        + ": " + (outside.size() == 1 ? "it is" : "they are") + " marked 'transaction: false'. "
                        + "Nothing was run. Use --transaction-mode per-migration, or stop the run before "
                        + outside.get(0) + ".");
            }
        }
        statementsReady(steps, dialect);
    }

    /**
     * Refuses (exit 2) steps whose SQL cannot run as written: text inside an unterminated quote or comment,
     * transaction control in a transactional migration, a placeholder without a value. Offline scripts need this too.
     */
    void statementsReady(List<Step> steps, Dialect dialect) {
        List<Step> unchecked = new ArrayList<>();
        for (Step step : steps) {
            if (checked.add(step.direction().word() + " " + step.revision().id())) {
                unchecked.add(step);
            }
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> read = new HashSet<>();
        for (Step step : unchecked) {
            if (folder.byId().get(step.revision().id()) instanceof SqlMigration sql && read.add(step.revision().id())) {
                problems.addAll(sql.problems(dialect.flavor()));
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("The migrations to run have ").append(problems.size())
                    .append(problems.size() == 1 ? " problem" : " problems").append("; nothing was run:");
            problems.forEach(problem -> message.append("\n  ").append(problem));
            throw new UsageException(message.toString());
        }
        Placeholders.check(unchecked, folder.byId(), config.arguments(), dialect.flavor());
    }

    /**
     * Refuses (exit 1) to run over a {@code transaction: false} migration that an earlier run started and did not
     * finish: part of it may be applied, and only a person can tell what the schema now holds.
     */
    void noUnfinishedMigration(List<ProgressTable.Entry> unfinished, List<String> current) {
        if (unfinished.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("An earlier run did not finish ")
                .append(unfinished.size() == 1 ? "a migration" : unfinished.size() + " migrations")
                .append(" that runs outside a transaction (transaction: false); nothing was run now.");
        for (ProgressTable.Entry entry : unfinished) {
            String file = folder.graph().contains(entry.revision())
                    ? folder.graph().get(entry.revision()).location() : "(no file in " + config.location() + ")";
            message.append("\n  ").append(entry.direction()).append(" of revision ").append(entry.revision())
                    .append(" (").append(file).append("), started ").append(entry.started()).append(": ")
                    .append(entry.completedLines().isEmpty() ? "no statement is known to have completed"
                            : "the statements starting on lines " + entry.completedLines() + " completed")
                    .append('.');
        }
        ProgressTable.Entry first = unfinished.get(0);
        String revision = first.revision();
        String here = current.isEmpty() ? "base" : String.join(" ", current);
        message.append("\n  The run was killed, lost its connection, or a statement failed; the version table does "
                + "not record the step. Look at the schema, then either ");
        if (first.direction().equals("downgrade")) {
            List<String> parents = folder.graph().contains(revision)
                    ? folder.graph().get(revision).downRevisions() : List.of();
            message.append("finish the downgrade by hand and run `migrate stamp ")
                    .append(parents.isEmpty() ? "base" : String.join(" ", parents))
                    .append("`, or redo what it undid and run `migrate stamp ").append(here).append('`');
        } else {
            message.append("finish the migration by hand and run `migrate stamp ").append(revision)
                    .append("`, or undo what it did and run `migrate stamp ").append(here).append('`');
        }
        message.append(". A stamp clears this record.");
        throw new DatabaseException(message.toString());
    }
}
