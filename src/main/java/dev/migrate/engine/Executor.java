package dev.migrate.engine;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;
import dev.migrate.api.TransactionMode;
import dev.migrate.db.Dialect;
import dev.migrate.db.VersionTable;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Step;
import dev.migrate.source.JavaMigrationClass;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs planned steps on one connection. Per migration (the default), a transactional migration and its
 * version-table change commit together or not at all; a non-transactional one runs each statement on its own and
 * records the version only after the last. In {@link TransactionMode#ALL} the whole run is one transaction.
 */
public final class Executor {
    private final Connection connection;
    private final Dialect dialect;
    private final VersionTable versionTable;
    private final Map<String, Migration> migrations;
    private final MigrationListener listener;
    private final Map<String, String> arguments;

    public Executor(Connection connection, Dialect dialect, VersionTable versionTable,
                    Map<String, Migration> migrations, MigrationListener listener, Map<String, String> arguments) {
        this.connection = connection;
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.migrations = migrations;
        this.listener = listener;
        this.arguments = Map.copyOf(arguments);
    }

    /** Runs the steps in order; returns what ran. Stops at the first failure with a {@link MigrationFailedException}. */
    public List<StepInfo> run(List<Step> steps, TransactionMode mode) {
        return mode == TransactionMode.ALL ? runAsOneTransaction(steps) : runEachInItsOwn(steps);
    }

    public static StepInfo describe(Step step) {
        return new StepInfo(step.direction().word(), step.revision().id(), step.from(), step.to(),
                step.revision().message());
    }

    private List<StepInfo> runEachInItsOwn(List<Step> steps) {
        List<StepInfo> done = new ArrayList<>(steps.size());
        for (Step step : steps) {
            done.add(announced(step, info -> {
                if (step.revision().transactional()) {
                    inTransaction(() -> runStep(step, info, new ArrayList<>()),
                            e -> failure(step, e, step.headsBefore(), List.of(), false));
                } else {
                    runInAutocommit(step, info);
                }
            }));
        }
        return done;
    }

    private List<StepInfo> runAsOneTransaction(List<Step> steps) {
        List<StepInfo> done = new ArrayList<>(steps.size());
        Step[] current = new Step[1];
        inTransaction(() -> {
            for (Step step : steps) {
                current[0] = step;
                done.add(announced(step, info -> runStep(step, info, new ArrayList<>())));
            }
        }, e -> failure(current[0], e, steps.get(0).headsBefore(), List.of(), true));
        return done;
    }

    @FunctionalInterface
    private interface StepBody<E extends Exception> {
        void run(StepInfo info) throws E;
    }

    /** Tells the listener a step starts, runs it, and tells how long it took. */
    private <E extends Exception> StepInfo announced(Step step, StepBody<E> body) throws E {
        StepInfo info = describe(step);
        listener.migrationStarted(info);
        long started = System.nanoTime();
        body.run(info);
        listener.migrationFinished(info, Duration.ofNanos(System.nanoTime() - started));
        return info;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface Failure {
        RuntimeException describe(Exception cause);
    }

    private void inTransaction(Work work, Failure failure) {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot start a transaction: " + e.getMessage(), e);
        }
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw failure.describe(e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is unusable; the next statement will report it.
            }
        }
    }

    private void runStep(Step step, StepInfo info, List<Integer> ran) throws SQLException {
        execute(step, info, ran);
        versionTable.apply(connection, step.change());
    }

    private void runInAutocommit(Step step, StepInfo info) {
        List<Integer> ran = new ArrayList<>();
        try {
            connection.setAutoCommit(true);
            runStep(step, info, ran);
        } catch (SQLException | RuntimeException e) {
            throw failure(step, e, step.headsBefore(), ran, false);
        }
    }

    /** Runs the step's statements (or Java code); {@code ran} collects the lines of statements that completed. */
    private void execute(Step step, StepInfo info, List<Integer> ran) throws SQLException {
        Migration migration = migrations.get(step.revision().id());
        if (migration instanceof JavaMigrationClass java) {
            executeJava(java, step, info);
            return;
        }
        if (!(migration instanceof SqlMigration sql)) {
            throw new IllegalStateException("no runnable migration for " + step.revision().id());
        }
        try (SqlSplitter statements = sql.statements(step.direction(), dialect.flavor());
             Statement jdbc = connection.createStatement()) {
            while (statements.hasNext()) {
                dev.migrate.sql.Statement statement = statements.next();
                String text = sql.placeholders() ? Placeholders.apply(statement.sql(), arguments) : statement.sql();
                try {
                    jdbc.execute(text);
                } catch (SQLException e) {
                    forwardNotices(jdbc, info);
                    throw new StatementFailed(statement, e);
                }
                forwardNotices(jdbc, info);
                ran.add(statement.line());
            }
        }
    }

    private void executeJava(JavaMigrationClass java, Step step, StepInfo info) {
        JavaContext context = new JavaContext(connection, dialect.name(), arguments, info, listener);
        try {
            if (step.direction() == Direction.UPGRADE) {
                java.instantiate().upgrade(context);
            } else {
                java.instantiate().downgrade(context);
            }
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new JavaFailed(e);
        }
    }

    private void forwardNotices(Statement jdbc, StepInfo info) throws SQLException {
        for (SQLWarning warning = jdbc.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            listener.notice(info, dialect.describe(warning));
        }
        jdbc.clearWarnings();
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // Nothing more can be done; closing the connection discards the transaction anyway.
        }
    }

    private MigrationFailedException failure(Step step, Exception cause, List<String> headsNow, List<Integer> ran,
                                             boolean wholeRun) {
        String revision = step.revision().id();
        StringBuilder message = new StringBuilder();
        message.append(capitalized(step.direction().word())).append(" of revision ").append(revision);
        if (!step.revision().message().isEmpty()) {
            message.append(" (").append(step.revision().message()).append(')');
        }
        Throwable databaseError = cause;
        message.append(" failed");
        if (cause instanceof StatementFailed failed) {
            message.append(" at ").append(step.revision().location()).append(':').append(failed.statement.line());
            databaseError = failed.getCause();
        } else if (cause instanceof JavaFailed failed) {
            message.append(" in ").append(step.revision().location());
            databaseError = failed.getCause();
        } else {
            message.append(" in ").append(step.revision().location());
        }
        // Continuation lines (the server's Detail, Hint, Where) are indented under the line they belong to.
        String said = cause instanceof JavaFailed || databaseError.getMessage() == null
                ? databaseError.toString() : databaseError.getMessage();
        said = String.join("\n    ", said.strip().lines().map(String::strip).toList());
        message.append(cause instanceof JavaFailed ? ".\n  The migration threw " : ".\n  The database said: ")
                .append(said);
        if (wholeRun) {
            message.append("\n  --transaction-mode all: the whole run was rolled back, every migration of it.");
        } else if (step.revision().transactional()) {
            message.append("\n  The migration was rolled back: none of its statements remain applied.");
        } else {
            message.append("\n  This migration runs outside a transaction (transaction: false). ")
                    .append(ran.isEmpty() ? "None of its statements completed."
                            : "The statements starting on lines " + ran + " completed and stay applied.");
            message.append("\n  Undo or finish those by hand, then run the command again; or, if the schema is now "
                    + "complete, `migrate stamp ").append(revision).append("`.");
        }
        message.append("\n  The database is still at ")
                .append(headsNow.isEmpty() ? "base (no revision applied)" : String.join(", ", headsNow))
                .append(".\n  ")
                .append(dev.migrate.db.DatabaseErrors.diagnose(databaseError, connection).sentences());
        return new MigrationFailedException(message.toString(), revision, headsNow, databaseError);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Carries an exception a Java migration threw up to where the message is written. */
    private static final class JavaFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JavaFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Carries the failing statement up to where the message is written. */
    private static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient dev.migrate.sql.Statement statement;

        StatementFailed(dev.migrate.sql.Statement statement, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
        }
    }
}
