package dev.migrate.offline;

import dev.migrate.api.OfflineScript;
import dev.migrate.db.Dialect;
import dev.migrate.db.ProgressTable;
import dev.migrate.db.VersionTable;
import dev.migrate.engine.Executor;
import dev.migrate.engine.Placeholders;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.api.StepInfo;

import java.util.List;
import java.util.Map;

/**
 * Renders planned steps as one SQL script for a dialect, from the same steps, statements and version-table changes a
 * live run uses: each transactional migration between BEGIN and COMMIT with its version change, non-transactional
 * ones outside with a comment. A Java migration cannot be rendered: the script stops there and says so.
 */
public final class ScriptRenderer {
    private final Dialect dialect;
    private final VersionTable versionTable;
    private final ProgressTable progressTable;
    private final String schema;
    private final Map<String, Migration> migrations;
    private final Map<String, String> arguments;

    public ScriptRenderer(Dialect dialect, VersionTable versionTable, ProgressTable progressTable, String schema,
                          Map<String, Migration> migrations, Map<String, String> arguments) {
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.progressTable = progressTable;
        this.schema = schema;
        this.migrations = migrations;
        this.arguments = Map.copyOf(arguments);
    }

    public OfflineScript render(String title, List<Step> steps) {
        StringBuilder script = preamble(title);
        for (Step step : steps) {
            StepInfo info = Executor.describe(step);
            script.append("\n-- Running ").append(info.direction()).append(' ').append(info.from()).append(" -> ")
                    .append(info.to()).append(info.message().isEmpty() ? "" : ", " + info.message()).append('\n');
            Migration migration = migrations.get(step.revision().id());
            if (!(migration instanceof SqlMigration sql)) {
                script.append("-- STOP: revision ").append(step.revision().id()).append(" is a Java migration (")
                        .append(step.revision().location()).append(") and cannot be rendered as SQL.\n")
                        .append("-- Apply the script up to here, run `migrate upgrade ").append(step.revision().id())
                        .append("` against the database, then render the rest starting from it.\n");
                return new OfflineScript(script.toString(), step.revision().id());
            }
            boolean transactional = step.revision().transactional();
            String revision = step.revision().id();
            if (transactional) {
                script.append("BEGIN;\n");
            } else {
                // As in a live run: the progress table says the migration started and which statements completed,
                // so a script that stops half-way leaves the next migrate run a record of it.
                script.append("-- transaction: false: each statement below runs on its own, outside a transaction\n");
                progressTable.renderStarted(revision, step.direction().word()).forEach(statement -> terminated(script, statement));
            }
            try (SqlSplitter statements = sql.statements(step.direction(), dialect.flavor())) {
                while (statements.hasNext()) {
                    Statement statement = statements.next();
                    terminated(script, sql.placeholders() ? Placeholders.apply(statement.sql(), arguments) : statement.sql());
                    if (!transactional) {
                        terminated(script, progressTable.renderCompleted(revision, statement.line()));
                    }
                }
            }
            if (!transactional) {
                script.append("BEGIN;\n");
            }
            for (String change : versionTable.render(step.change())) {
                terminated(script, change);
            }
            if (!transactional) {
                terminated(script, progressTable.renderFinished(revision));
            }
            script.append("COMMIT;\n");
        }
        return new OfflineScript(script.toString(), null);
    }

    /** A stamp: the version table emptied and set to {@code rows}, in one transaction. */
    public OfflineScript renderStamp(String title, List<String> rows) {
        StringBuilder script = preamble(title);
        script.append("\n-- A live stamp also forgets unfinished transaction: false migrations (")
                .append(progressTable.name()).append("); this script leaves that table as it is.\n");
        script.append("BEGIN;\n");
        for (String statement : versionTable.renderReplace(rows)) {
            terminated(script, statement);
        }
        script.append("COMMIT;\n");
        return new OfflineScript(script.toString(), null);
    }

    private StringBuilder preamble(String title) {
        StringBuilder script = new StringBuilder();
        script.append("-- ").append(title).append(" (").append(dialect.name()).append("), written by migrate")
                .append(dialect.scriptHint().isEmpty() ? "" : "; " + dialect.scriptHint()).append('\n');
        for (String statement : dialect.schemaStatements(schema, true)) {
            terminated(script, statement);
        }
        for (String statement : dialect.schemaStatements(schema, false)) {
            terminated(script, statement);
        }
        terminated(script, versionTable.createStatement());
        return script;
    }

    /** A statement and its ';'. The splitter cuts trailing comments, so the ';' never lands inside one. */
    private static void terminated(StringBuilder script, String sql) {
        script.append(sql).append(";\n");
    }
}
