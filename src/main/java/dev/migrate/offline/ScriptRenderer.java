package dev.migrate.offline;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationFileChangedException;
import dev.migrate.api.ScriptResult;
import dev.migrate.db.Dialect;
import dev.migrate.db.MigrationLog;
import dev.migrate.db.MigrationTables;
import dev.migrate.db.ProgressTable;
import dev.migrate.db.VersionTable;
import dev.migrate.engine.Executor;
import dev.migrate.engine.Placeholders;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Planner;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.api.StepInfo;
import dev.migrate.text.IoReasons;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders planned steps as one SQL script for a dialect, from the same steps, statements and version-table changes a
 * live run uses: each transactional migration between BEGIN and COMMIT with its version change, non-transactional
 * ones outside with a comment. A Java migration cannot be rendered: the script stops there and says so. The script is
 * written to the caller's output as it is rendered, never held whole: a 200 MB migration needs no 200 MB string.
 */
public final class ScriptRenderer {
    private final Dialect dialect;
    private final VersionTable versionTable;
    private final ProgressTable progressTable;
    private final MigrationLog log;
    private final MigrationLog.Runner runner;
    private final String schema;
    private final Map<String, Migration> migrations;
    private final Map<String, String> arguments;

    /** @param runner who renders the script: recorded in the log rows it writes */
    public ScriptRenderer(Dialect dialect, MigrationTables tables, MigrationLog.Runner runner, String schema,
                          Map<String, Migration> migrations, Map<String, String> arguments) {
        this.dialect = dialect;
        this.versionTable = tables.versionTable();
        this.progressTable = tables.progress();
        this.log = tables.log();
        this.runner = runner;
        this.schema = schema;
        this.migrations = migrations;
        this.arguments = Map.copyOf(arguments);
    }

    /**
     * Writes the script to {@code out} as it is rendered, statement by statement, so a migration file is never held
     * whole. Everything that can refuse (the plan, the statements' problems, placeholders) is checked by the caller
     * before this writes its first line; what can still go wrong is a file that can no longer be read as it was
     * validated. Then the script so far ends with a comment line saying it is incomplete, and this throws.
     *
     * @throws MigrateException naming the file, when a migration could not be read to the end
     */
    public ScriptResult render(String title, List<Step> steps, Appendable out) {
        return render(title, steps, null, null, out);
    }

    /**
     * {@link #render}, for an upgrade that starts from {@code from} (empty: base): before its first migration the
     * script checks that the version table holds those rows and none outside {@code allowed} (see
     * {@link VersionTable#renderRequireStart}), so that applied a second time, or to a database that moved on since,
     * it stops before running any migration again.
     */
    public ScriptResult renderUpgrade(String title, List<Step> steps, List<String> from, Collection<String> allowed,
                                      Appendable out) {
        return render(title, steps, from, allowed, out);
    }

    private ScriptResult render(String title, List<Step> steps, List<String> from, Collection<String> allowed,
                                Appendable out) {
        ScriptText script = preamble(title, out);
        if (allowed != null && !steps.isEmpty()) {
            script.append("\n-- The database must be where this script starts, with none of its migrations applied yet\n");
            script.terminated(progressTable.renderCreate());
            script.terminated(versionTable.renderRequireStart(from, allowed, progressTable.renderNoneUnfinished()));
        }
        for (Step step : steps) {
            StepInfo info = Executor.stepInfo(step);
            script.append("\n-- Running ").append(info.direction()).append(" ").append(info.from()).append(" -> ")
                    .append(info.to()).append(info.message().isEmpty() ? "" : ", " + info.message()).append("\n");
            Migration migration = migrations.get(step.revision().id());
            if (!(migration instanceof SqlMigration sql)) {
                script.append("-- STOP: revision ").append(step.revision().id()).append(" is a Java migration (")
                        .append(step.revision().location()).append(") and cannot be rendered as SQL.\n")
                        .append("-- Apply the script up to here, run `migrate upgrade ").append(step.revision().id())
                        .append("` against the database, then render the rest starting from it.\n");
                return new ScriptResult(step.revision().id());
            }
            try {
                renderStep(script, step, sql);
            } catch (ScriptText.OutputFailed e) {
                throw e;
            } catch (RuntimeException e) {
                throw unfinished(script, sql, e);
            }
        }
        return new ScriptResult(null);
    }

    private void renderStep(ScriptText script, Step step, SqlMigration sql) {
        boolean transactional = step.revision().transactional();
        String revision = step.revision().id();
        if (transactional) {
            script.append("BEGIN;\n");
            script.terminated(versionTable.renderRequire(step.change()));
            renderStatements(script, step, sql);
        } else {
            script.terminated(versionTable.renderRequire(step.change()));
            // Its statements commit one by one as a client reads them, so none may reach the output before the whole
            // section was read as validated: they are written to a file first, then copied.
            try (Spool spool = new Spool()) {
                ScriptText spooled = spool.text();
                // As in a live run: the progress table says the migration started and which statements completed,
                // so a script that stops half-way leaves the next migrate run a record of it.
                spooled.append("-- transaction: false: each statement below runs on its own, outside a transaction\n");
                progressTable.renderStarted(revision, step.direction().word()).forEach(spooled::terminated);
                renderStatements(spooled, step, sql);
                spool.copyTo(script);
            }
        }
        if (step.direction() == Direction.UPGRADE && sql.verify() != null) {
            renderVerify(script, sql);
        }
        if (!transactional) {
            script.append("BEGIN;\n");
        }
        for (String change : versionTable.render(step.change())) {
            script.terminated(change);
        }
        script.terminated(log.render(runner, revision, step.direction().word(),
                step.direction() == Direction.UPGRADE ? sql.upgradeChecksum() : sql.downgradeChecksum(),
                transactional ? null : true));
        if (!transactional) {
            script.terminated(progressTable.renderFinished(revision));
        }
        script.append("COMMIT;\n");
    }

    /** The section's statements; a non-transactional migration's each followed by its progress row. */
    private void renderStatements(ScriptText script, Step step, SqlMigration sql) {
        boolean transactional = step.revision().transactional();
        try (SqlSplitter statements = sql.statements(step.direction(), dialect.flavor())) {
            while (statements.hasNext()) {
                Statement statement = statements.next();
                String text = sql.placeholders() ? Placeholders.apply(statement.sql(), arguments) : statement.sql();
                if (transactional) {
                    script.terminated(text);
                } else {
                    // A statement and the progress row that records it end one piece of the spool together: a copy
                    // that fails part-way never leaves a statement whose completion the table would not know.
                    script.append(text).append(";\n");
                    script.terminated(progressTable.renderCompleted(step.revision().id(), statement.line()));
                }
            }
        }
    }

    /**
     * A migration that could not be read to the end while its statements were written: the script so far must not
     * look complete. It ends on a statement's ';' (the splitter hands out whole statements), and the migration's
     * version change and {@code COMMIT} were not written, so a client given it anyway leaves that migration
     * unrecorded; the comment line says so to a reader, and the exception to the command.
     */
    private MigrateException unfinished(ScriptText script, SqlMigration sql, RuntimeException cause) {
        String file = sql.text().name();
        String revision = sql.revision().id();
        if (cause instanceof Spool.Failed spool) {
            String why = (spool.partlyCopied()
                    ? "it stops part-way through revision " + revision + " (" + file + ", transaction: false), after "
                            + "its last whole statement (each runs on its own, and the progress table records it), "
                    : "it stops before revision " + revision + " (" + file + ", transaction: false), ")
                    + "because " + cause.getMessage() + ".";
            return stopped(script, "The script is incomplete: " + why + " What was written ends with a comment line "
                    + "saying so; do not apply it.", why + " Do not apply this script.", cause);
        }
        String reason = cause instanceof MigrationFileChangedException
                ? "it changed after migrate read it (was a checkout or a deploy writing files?)"
                : cause instanceof UncheckedIOException io ? IoReasons.reason(io.getCause())
                : cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return stopped(script, "The script is incomplete: " + file + " (revision " + revision + ") could not be read "
                + "to the end: " + reason + ". What was written ends with a comment line saying so; do not apply it. "
                + "Run the command again to render the whole script.",
                "migrate stopped here, in revision " + revision + ", because " + file
                        + " could not be read to the end (" + reason + "). Do not apply this script; render it again.",
                cause);
    }

    /** The failure, and the script's last line saying it is incomplete (unless the output itself failed). */
    private static MigrateException stopped(ScriptText script, String message, String comment,
                                            RuntimeException cause) {
        MigrateException failure = new MigrateException(message, ExitCodes.FAILED, cause);
        try {
            script.append("\n-- INCOMPLETE SCRIPT: ").append(comment.replace('\n', ' ')).append("\n");
        } catch (ScriptText.OutputFailed e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /**
     * A migration's verify queries. On PostgreSQL each becomes a block that raises (and so, under
     * {@code ON_ERROR_STOP}, stops the script before the version change) unless the query's first value is true;
     * SQLite's shell has no way to abort on a query's result, so there they are printed for the DBA to run.
     */
    private void renderVerify(ScriptText script, SqlMigration sql) {
        String where = sql.revision().location() + ":%d (revision " + sql.revision().id() + ")";
        try (SqlSplitter queries = sql.verifyQueries(dialect.flavor())) {
            while (queries.hasNext()) {
                Statement query = queries.next();
                String text = sql.placeholders() ? Placeholders.apply(query.sql(), arguments) : query.sql();
                String location = String.format(java.util.Locale.ROOT, where, query.line());
                if (dialect.flavor() == SqlFlavor.POSTGRESQL) {
                    script.append("DO $migrate_verify$\nDECLARE first_value text;\nBEGIN\n")
                            .append("  SELECT value INTO first_value FROM (").append(text)
                            .append(") AS verify_query, LATERAL json_each_text(row_to_json(verify_query)) LIMIT 1;\n")
                            .append("  IF first_value IS NULL OR lower(first_value) IN ('false', 'f', '0') THEN\n")
                            .append("    RAISE EXCEPTION 'verify query at ").append(location.replace("'", "''"))
                            .append(" did not return true';\n  END IF;\nEND\n$migrate_verify$;\n");
                } else {
                    script.append("-- verify query at ").append(location).append(": run it and check that its first ")
                            .append("value is true before going on (the sqlite3 shell cannot check it for you):\n-- ")
                            .append(text.replace("\n", "\n-- ")).append(";\n");
                }
            }
        }
    }

    /** A stamp: the version table set to {@code rows} and the stamp logged, in one transaction. */
    public ScriptResult renderStamp(String title, List<String> rows, Planner.StampChanges changes, Appendable out) {
        ScriptText script = preamble(title, out);
        script.append("\n-- A live stamp also forgets unfinished transaction: false migrations (")
                .append(progressTable.name()).append("); this script leaves that table as it is.\n");
        script.append("BEGIN;\n");
        for (String statement : versionTable.renderReplace(rows)) {
            script.terminated(statement);
        }
        for (String revision : changes.marked()) {
            String checksum = migrations.get(revision) instanceof SqlMigration sql ? sql.upgradeChecksum() : null;
            script.terminated(log.render(runner, revision, MigrationLog.STAMP, checksum, null));
        }
        for (String revision : changes.unmarked()) {
            script.terminated(log.render(runner, revision, MigrationLog.UNSTAMP, null, null));
        }
        script.append("COMMIT;\n");
        return new ScriptResult(null);
    }

    private ScriptText preamble(String title, Appendable out) {
        ScriptText script = new ScriptText(out);
        script.append("-- ").append(title).append(" (").append(dialect.name()).append("), written by migrate")
                .append(dialect.scriptHint().isEmpty() ? "" : "; " + dialect.scriptHint()).append("\n");
        if (dialect.flavor() == SqlFlavor.SQLITE) {
            // The sqlite3 shell goes on after an error unless told otherwise, and the COMMIT below would then save
            // half a migration together with its version change: stop at the first error, as psql's ON_ERROR_STOP.
            script.append(".bail on\n");
        }
        for (String statement : dialect.schemaStatements(schema, true)) {
            script.terminated(statement);
        }
        for (String statement : dialect.schemaStatements(schema, false)) {
            script.terminated(statement);
        }
        script.terminated(versionTable.createStatement());
        versionTable.renderRequireSetup().forEach(script::terminated);
        script.terminated(log.createStatement());
        return script;
    }
}
