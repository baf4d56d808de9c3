package dev.migrate.engine;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationFileInvalidException;
import dev.migrate.api.Problem;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.MigrationFileChangedException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;
import dev.migrate.api.TransactionMode;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.db.Dialect;
import dev.migrate.db.MigrationLog;
import dev.migrate.db.MigrationTables;
import dev.migrate.db.ProgressTable;
import dev.migrate.db.VersionTable;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Step;
import dev.migrate.source.JavaMigrationClass;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.TransactionControl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final ProgressTable progress;
    private final MigrationLog log;
    private final MigrationLog.Runner runner;
    private final Map<String, Migration> migrations;
    private final MigrationListener listener;
    private final Map<String, String> arguments;

    public Executor(Connection connection, Dialect dialect, MigrationTables tables, Map<String, Migration> migrations,
                    MigrationListener listener, Map<String, String> arguments) {
        this.connection = connection;
        this.dialect = dialect;
        this.versionTable = tables.versionTable();
        this.progress = tables.progress();
        this.log = tables.log();
        this.runner = MigrationLog.Runner.of(connection);
        this.migrations = migrations;
        this.listener = listener;
        this.arguments = Map.copyOf(arguments);
    }

    /** Runs the steps in order; returns what ran. Stops at the first failure with a {@link MigrationFailedException}. */
    public List<StepInfo> run(List<Step> steps, TransactionMode mode) {
        return mode == TransactionMode.ALL ? runAsOneTransaction(steps) : runEachInItsOwn(steps);
    }

    /**
     * Replaces the version table's rows with {@code rows}, logs each revision it marks applied ({@code marked}) or
     * not applied ({@code unmarked}) without running it, and forgets unfinished migrations, in one transaction: what
     * {@code stamp} writes.
     *
     * @param recorded for revisions the log already counts as applied, the checksum it recorded, which their stamp
     *                 rows keep; the others get their file's
     */
    public void stamp(List<String> rows, List<String> marked, List<String> unmarked, Map<String, String> recorded) {
        begin();
        try {
            versionTable.replace(connection, rows);
            Instant now = Instant.now();
            for (String revision : marked) {
                String checksum = recorded.containsKey(revision) ? recorded.get(revision)
                        : checksum(revision, Direction.UPGRADE);
                log.record(connection, runner, revision, MigrationLog.STAMP, checksum, now, now, null);
            }
            for (String revision : unmarked) {
                log.record(connection, runner, revision, MigrationLog.UNSTAMP, null, now, now, null);
            }
            progress.clear(connection);
            commit();
        } catch (Throwable e) {
            boolean rolledBack = rollback();
            throw new DatabaseException("Cannot stamp " + versionTable.name() + ": " + e + (rolledBack
                    ? ". The stamp was rolled back; the version table is as it was."
                    : ". The rollback failed too; run `migrate current` to see what the table holds."), e);
        }
    }

    public static StepInfo stepInfo(Step step) {
        return new StepInfo(step.direction().word(), step.revision().id(), step.from(), step.to(),
                step.revision().message());
    }

    private List<StepInfo> runEachInItsOwn(List<Step> steps) {
        List<StepInfo> done = new ArrayList<>(steps.size());
        for (Step step : steps) {
            StepInfo info = stepInfo(step);
            listener.migrationStarted(info);
            long started = System.nanoTime();
            if (step.revision().transactional()) {
                begin();
                try {
                    if (pipelined(step, info) != PipelinedStep.Outcome.COMMITTED) {
                        runStep(step, info);
                        commit();
                    }
                } catch (Throwable e) {
                    throw afterRollback(e, step, step.headsBefore(), false);
                }
            } else {
                runInAutocommit(step, info);
            }
            listener.migrationFinished(info, Duration.ofNanos(System.nanoTime() - started));
            done.add(info);
        }
        return done;
    }

    private List<StepInfo> runAsOneTransaction(List<Step> steps) {
        List<StepInfo> done = new ArrayList<>(steps.size());
        Step current = null;
        begin();
        try {
            for (Step step : steps) {
                current = step;
                StepInfo info = stepInfo(step);
                listener.migrationStarted(info);
                long started = System.nanoTime();
                runStep(step, info);
                listener.migrationFinished(info, Duration.ofNanos(System.nanoTime() - started));
                done.add(info);
            }
            commit();
        } catch (Throwable e) {
            throw afterRollback(e, current == null ? steps.get(0) : current, steps.get(0).headsBefore(), true);
        }
        return done;
    }

    private void begin() {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot start a transaction: " + e.getMessage(), e);
        }
    }

    /** Commits, then returns the connection to autocommit (which, with the transaction closed, commits nothing). */
    private void commit() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    /**
     * Whatever was thrown, an Error included: roll back first. Only a rollback that succeeded lets the connection go
     * back to autocommit, because switching autocommit on inside an open transaction commits it. A connection whose
     * rollback failed is left as it is; closing it ends the transaction on the server without committing.
     */
    private RuntimeException afterRollback(Throwable cause, Step step, List<String> headsNow, boolean wholeRun) {
        boolean rolledBack = rollback();
        if (cause instanceof MigrationFileChangedException changed) {
            return changed.at(headsNow); // what happened and what to do, and where the database is
        }
        if (cause instanceof MigrateException known && !(cause instanceof MigrationFailedException)) {
            return known; // already says what happened and what to do
        }
        if (cause instanceof TransactionEnded) {
            // What the code's COMMIT ended stays, and under --transaction-mode all that includes the migrations run
            // before it with their version rows: report the rows as they are now, not as the run found them.
            try {
                headsNow = versionTable.read(connection);
            } catch (SQLException | RuntimeException unreadable) {
                // the rows the run started from are all there is to say
            }
        }
        return failure(step, cause, headsNow, List.of(), wholeRun, rolledBack);
    }

    /**
     * Records, in one transaction, that the current text of {@code changed} is what the database has, and that
     * {@code removed} (applied, their files gone on purpose) are no longer expected in the folder: what
     * {@code accept} writes.
     */
    public void accept(List<String> changed, List<String> removed) {
        begin();
        try {
            Instant now = Instant.now();
            for (String revision : changed) {
                log.record(connection, runner, revision, MigrationLog.ACCEPT, checksum(revision, Direction.UPGRADE),
                        now, now, null);
            }
            for (String revision : removed) {
                log.record(connection, runner, revision, MigrationLog.UNSTAMP, null, now, now, null);
            }
            commit();
        } catch (Throwable e) {
            boolean rolledBack = rollback();
            throw new DatabaseException("Cannot record the accepted checksums in " + log.name() + ": " + e
                    + (rolledBack ? ". Nothing was recorded." : ". The rollback failed too."), e);
        }
    }

    /** The checksum the log records for a step: the section that runs; null for a Java migration. */
    private String checksum(String revision, Direction direction) {
        return migrations.get(revision) instanceof SqlMigration sql
                ? (direction == Direction.UPGRADE ? sql.upgradeChecksum() : sql.downgradeChecksum()) : null;
    }

    /**
     * Sends a transactional SQL migration in few round trips where the driver batches ({@link PipelinedStep}); hands
     * it back to the statement-by-statement path (rolled back, nothing applied) for anything that path reports more
     * precisely. A migration with a verify section runs statement by statement: its queries need their results.
     */
    private PipelinedStep.Outcome pipelined(Step step, StepInfo info) throws SQLException {
        if (!dialect.sendsBatchesInOneRoundTrip()
                || !(migrations.get(step.revision().id()) instanceof SqlMigration sql)
                || (step.direction() == Direction.UPGRADE && sql.verify() != null)) {
            return PipelinedStep.Outcome.RUN_STATEMENT_BY_STATEMENT;
        }
        return new PipelinedStep(connection, dialect, versionTable, log, runner, listener, arguments)
                .run(step, info, sql, checksum(step.revision().id(), step.direction()));
    }

    private void runStep(Step step, StepInfo info) throws SQLException {
        Instant started = Instant.now();
        execute(step, info, line -> { });
        verify(step, info);
        try {
            versionTable.apply(connection, step.change());
            log.record(connection, runner, step.revision().id(), step.direction().word(),
                    checksum(step.revision().id(), step.direction()), started, Instant.now(), null);
        } catch (SQLException e) {
            throw new RecordingFailed(e);
        }
    }

    /**
     * After an upgrade, in its transaction: every query of the verify section must return a row whose first value is
     * true (not false, NULL or 0), and a Java migration's {@code verify} must return. Otherwise the migration fails.
     */
    private void verify(Step step, StepInfo info) throws SQLException {
        if (step.direction() != Direction.UPGRADE) {
            return;
        }
        Migration migration = migrations.get(step.revision().id());
        if (migration instanceof JavaMigrationClass java) {
            try {
                Connection given = connection.getAutoCommit() ? connection : JavaContext.keepingTransaction(connection);
                java.instantiate().verify(new JavaContext(given, dialect.name(), arguments, info, listener));
            } catch (MigrateException e) {
                throw e;
            } catch (Throwable e) {
                throw new VerifyFailed(0, "threw " + e, e);
            }
            return;
        }
        if (!(migration instanceof SqlMigration sql) || sql.verify() == null) {
            return;
        }
        try (SqlSplitter queries = sql.verifyQueries(dialect.flavor());
             Statement jdbc = connection.createStatement()) {
            while (queries.hasNext()) {
                dev.migrate.sql.Statement query = queries.next();
                String text = sql.placeholders() ? Placeholders.apply(query.sql(), arguments) : query.sql();
                String failed;
                try (ResultSet result = jdbc.executeQuery(text)) {
                    failed = !result.next() ? "returned no row" : falsy(result.getObject(1));
                } catch (SQLException e) {
                    throw new VerifyFailed(query.line(), "failed: " + e.getMessage(), e);
                }
                if (failed != null) {
                    throw new VerifyFailed(query.line(), failed, null);
                }
            }
        }
    }

    /** Why a verify query's first value means "not verified", or null when it is true. */
    private static String falsy(Object value) {
        if (value == null) {
            return "returned NULL";
        }
        if (value instanceof Boolean flag) {
            return flag ? null : "returned false";
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0 ? null : "returned 0";
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return text.equals("false") || text.equals("f") || text.equals("0") ? "returned " + value : null;
    }

    /**
     * A {@code transaction: false} migration: each statement commits on its own, so the progress table records it
     * before the first one and after each, and forgets it in the transaction that records the version.
     */
    private void runInAutocommit(Step step, StepInfo info) {
        List<Integer> ran = new ArrayList<>();
        String revision = step.revision().id();
        Instant started = Instant.now();
        String direction = step.direction().word();
        try {
            connection.setAutoCommit(true);
            progress.started(connection, revision, direction);
            log.record(connection, runner, revision, direction, checksum(revision, step.direction()), started, null,
                    false);
            execute(step, info, line -> {
                ran.add(line);
                progress.completed(connection, revision, line);
            });
            verify(step, info);
        } catch (Throwable e) {
            if (ran.isEmpty() && !(migrations.get(revision) instanceof JavaMigrationClass)) {
                forgetQuietly(revision); // nothing of it was applied: nothing to warn the next run about
            }
            throw failure(step, e, step.headsBefore(), ran, false, false);
        }
        begin();
        try {
            versionTable.apply(connection, step.change());
            log.finished(connection, revision, direction, started, Instant.now());
            progress.finished(connection, revision);
            commit();
        } catch (Throwable e) {
            // Every statement ran; only recording it failed: the migration is applied, the version table says not.
            rollback();
            throw failure(step, e, step.headsBefore(), ran, false, false);
        }
    }

    @FunctionalInterface
    private interface Completed {
        void line(int line) throws SQLException;
    }

    /** Runs the step's statements (or Java code); {@code completed} hears the line of each statement that completed. */
    private void execute(Step step, StepInfo info, Completed completed) throws SQLException {
        Migration migration = migrations.get(step.revision().id());
        if (migration instanceof JavaMigrationClass java) {
            executeJava(java, step, info);
            return;
        }
        if (!(migration instanceof SqlMigration sql)) {
            throw new IllegalStateException("no runnable migration for " + step.revision().id());
        }
        boolean transactional = !connection.getAutoCommit();
        TransactionControl substituted = new TransactionControl();
        try (SqlSplitter statements = sql.statements(step.direction(), dialect.flavor());
             Statement jdbc = connection.createStatement()) {
            while (statements.hasNext()) {
                dev.migrate.sql.Statement statement = statements.next();
                String text = sql.placeholders() ? Placeholders.apply(statement.sql(), arguments) : statement.sql();
                if (transactional && sql.placeholders()) {
                    // The file was checked before the run; what a placeholder put into it was not.
                    String problem = substituted.problem(new dev.migrate.sql.Statement(text, statement.line()));
                    if (problem != null) {
                        throw new MigrationFileInvalidException(new Problem(step.revision().location(),
                                statement.line(), step.revision().id(), "after placeholders: " + problem));
                    }
                }
                try {
                    jdbc.execute(text);
                } catch (SQLException e) {
                    forwardNotices(jdbc, info);
                    throw new StatementFailed(statement, e);
                }
                forwardNotices(jdbc, info);
                if (transactional && !dialect.transactionOpen(connection)) {
                    throw new TransactionEnded(statement);
                }
                completed.line(statement.line());
            }
        }
    }

    /** Set before a transactional Java migration runs: it exists only as long as the transaction migrate opened. */
    private static final String JAVA_GUARD_NAME = "migrate_java_guard";
    private static final String JAVA_GUARD = "SAVEPOINT " + JAVA_GUARD_NAME;

    private void executeJava(JavaMigrationClass java, Step step, StepInfo info) throws SQLException {
        boolean transactional = !connection.getAutoCommit();
        String transaction = null;
        if (transactional) {
            // Opens the transaction on the server now, so that afterwards "not open", another transaction's id, or
            // the savepoint gone (a COMMIT in SQL ends it with its transaction, on SQLite too, where the driver cannot
            // say whether a transaction is open) can only mean the code ended it.
            try (Statement begin = connection.createStatement()) {
                begin.execute(JAVA_GUARD);
            }
            transaction = dialect.transactionId(connection);
        }
        Connection given = transactional ? JavaContext.keepingTransaction(connection) : connection;
        JavaContext context = new JavaContext(given, dialect.name(), arguments, info, listener);
        try {
            if (step.direction() == Direction.UPGRADE) {
                java.instantiate().upgrade(context);
            } else {
                java.instantiate().downgrade(context);
            }
        } catch (MigrateException e) {
            throw e;
        } catch (Throwable e) {
            // Errors too (an AssertionError, a StackOverflowError): the migration did not finish, so it must not commit.
            // Rolling back to the guard also clears a failed statement's state, so the checks below can run.
            if (transactional && (!toGuard("ROLLBACK TO SAVEPOINT ") || transactionEnded(transaction))) {
                throw new TransactionEnded(null); // part of it may be committed: "rolled back" would be untrue
            }
            throw new JavaFailed(e);
        }
        if (transactional && (!toGuard("RELEASE SAVEPOINT ") || transactionEnded(transaction))) {
            throw new TransactionEnded(null);
        }
    }

    /**
     * Rolls back to or releases the guard set before a Java migration ran; false when it no longer exists, which means
     * the transaction it was set in ended (a COMMIT or ROLLBACK in the code's SQL, whatever ran after it). Any other
     * refusal (a transaction the code left failed) is not that, and is reported where it surfaces.
     */
    private boolean toGuard(String command) {
        try (Statement guard = connection.createStatement()) {
            guard.execute(command + JAVA_GUARD_NAME);
            return true;
        } catch (SQLException e) {
            return !dialect.noSuchSavepoint(e);
        }
    }

    /** Whether the transaction that was open (with id {@code before}, where the database has ids) is not any more. */
    private boolean transactionEnded(String before) {
        try {
            return !dialect.transactionOpen(connection)
                    || (before != null && !before.equals(dialect.transactionId(connection)));
        } catch (SQLException | RuntimeException e) {
            return false; // the connection cannot tell; the failure in hand is reported as it is
        }
    }

    private void forwardNotices(Statement jdbc, StepInfo info) throws SQLException {
        for (SQLWarning warning = jdbc.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            listener.notice(info, dialect.noticeText(warning));
        }
        jdbc.clearWarnings();
    }

    private void forgetQuietly(String revision) {
        try {
            progress.finished(connection, revision);
        } catch (SQLException | RuntimeException ignored) {
            // The row stays, and the next run asks the operator to look: the safe side.
        }
    }

    /** True when the transaction was rolled back; false when the rollback itself failed. */
    private boolean rollback() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * ":LINE" of the migration's own code where what it threw came from (the innermost frame of its class, through
     * the causes), so the message points at the line as a SQL failure does; empty when no frame is the class's.
     */
    private String javaLine(String revision, Throwable thrown) {
        if (!(migrations.get(revision) instanceof JavaMigrationClass java)) {
            return "";
        }
        String name = java.type().getName();
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if ((frame.getClassName().equals(name) || frame.getClassName().startsWith(name + "$"))
                        && frame.getLineNumber() > 0) {
                    return ":" + frame.getLineNumber();
                }
            }
        }
        return "";
    }

    private MigrationFailedException failure(Step step, Throwable cause, List<String> headsNow, List<Integer> ran,
                                             boolean wholeRun, boolean rolledBack) {
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
        } else if (cause instanceof TransactionEnded ended) {
            message.append(ended.statement == null ? " in " + step.revision().location()
                    : " at " + step.revision().location() + ":" + ended.statement.line());
        } else if (cause instanceof JavaFailed failed) {
            message.append(" in ").append(step.revision().location()).append(javaLine(revision, failed.getCause()));
            databaseError = failed.getCause();
        } else if (cause instanceof RecordingFailed failed) {
            message.append(" while migrate recorded it in ").append(versionTable.name());
            databaseError = failed.getCause();
        } else if (cause instanceof VerifyFailed failed) {
            message.append(" in its verification at ").append(step.revision().location())
                    .append(failed.line > 0 ? ":" + failed.line : "");
            if (failed.getCause() != null) {
                databaseError = failed.getCause();
            }
        } else {
            message.append(" in ").append(step.revision().location());
        }
        if (cause instanceof RecordingFailed) {
            message.append(".\n  The migration's statements ran; then migrate's own write to ").append(versionTable.name())
                    .append(" failed: ").append(databaseError.getMessage() == null ? databaseError.toString()
                            : databaseError.getMessage().strip().replace("\n", "\n    "))
                    .append("\n  If the migration changes the search path (SET search_path), run with --schema NAME, "
                            + "so that migrate's tables are named with their schema.");
        } else if (cause instanceof VerifyFailed failed) {
            message.append(".\n  The ").append(failed.line > 0 ? "verify query " : "verify method ")
                    .append(failed.getMessage()).append(": the upgrade did not do what it promises.");
        } else if (cause instanceof TransactionEnded) {
            TransactionEnded ended = (TransactionEnded) cause;
            message.append(".\n  ").append(ended.statement != null ? "That statement"
                            : ended.sqlStatements ? "One of its statements" : "Its code")
                    .append(" ended the migration's transaction (a COMMIT or ROLLBACK inside a "
                    + "transactional migration): the statements before it may have been committed and stay applied, "
                    + "and the version table was not changed. Check the schema by hand; then remove the statement, "
                    + "or mark the migration 'transaction: false'.");
        } else if (cause instanceof MigrateException known) {
            message.append(".\n  ").append(known.getMessage().replace("\n", "\n  "));
        } else {
            // Continuation lines (the server's Detail, Hint, Where) are indented under the line they belong to.
            String said = cause instanceof JavaFailed || databaseError.getMessage() == null
                    ? databaseError.toString() : databaseError.getMessage();
            said = String.join("\n    ", said.strip().lines().map(String::strip).toList());
            message.append(cause instanceof JavaFailed ? ".\n  The migration threw " : ".\n  The database said: ")
                    .append(said);
        }
        boolean java = migrations.get(revision) instanceof JavaMigrationClass;
        if (cause instanceof TransactionEnded) {
            // said above: what stays applied is not known, so nothing here claims a rollback
        } else if (!rolledBack && (wholeRun || step.revision().transactional())) {
            message.append("\n  The rollback failed too (").append(databaseError.getClass().getSimpleName())
                    .append("): the connection is closed without committing, so the database ends the transaction; "
                            + "run `migrate current` to see where it is.");
        } else if (wholeRun) {
            message.append("\n  --transaction-mode all: the whole run was rolled back, every migration of it.");
        } else if (step.revision().transactional()) {
            message.append("\n  The migration was rolled back: none of its statements remain applied.");
        } else {
            message.append("\n  This migration runs outside a transaction (transaction: false). ")
                    .append(java ? "Its Java code may have made changes before it failed, and they stay applied."
                            : ran.isEmpty() ? "None of its statements completed."
                            : "The statements starting on lines " + ran + " completed and stay applied.");
            if (java || !ran.isEmpty()) {
                List<String> done = step.headsAfter();
                message.append("\n  Undo or finish those by hand. Then, if the ").append(step.direction().word())
                        .append(" is now complete, run `migrate stamp ")
                        .append(done.isEmpty() ? "base" : String.join(" ", done))
                        .append("`; if you undid them, run `migrate stamp ")
                        .append(headsNow.isEmpty() ? "base" : String.join(" ", headsNow))
                        .append("`. Until a stamp, writing commands refuse to run over this half-applied migration.");
            }
        }
        message.append(cause instanceof TransactionEnded ? "\n  The version table now holds "
                        : "\n  The database is still at ")
                .append(headsNow.isEmpty() ? "base (no revision applied)" : String.join(", ", headsNow)).append('.');
        boolean halfApplied = !wholeRun && !step.revision().transactional() && (java || !ran.isEmpty());
        if (!halfApplied) {
            // (a half-applied migration got its own next steps above: running the command again is not one of them)
            message.append("\n  ").append(DatabaseErrors.diagnose(databaseError, connection).sentences());
        }
        return new MigrationFailedException(message.toString(), revision, headsNow, databaseError);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Carries an exception a Java migration threw up to where the message is written. */
    private static final class JavaFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JavaFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A verify query (line > 0) or a Java migration's verify method (line 0) that did not confirm the upgrade. */
    private static final class VerifyFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        VerifyFailed(int line, String reason, Throwable cause) {
            super(reason, cause);
            this.line = line;
        }
    }

    /** The migration's own statements ran; migrate's write to its version table or log then failed. */
    static final class RecordingFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordingFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A statement of a transactional migration after which the transaction was no longer open. */
    static final class TransactionEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient dev.migrate.sql.Statement statement;
        /** True when one of a batch of statements ended it, which one not being known. */
        private final boolean sqlStatements;

        /** @param statement the statement after which the transaction was gone; null for a Java migration's code */
        TransactionEnded(dev.migrate.sql.Statement statement) {
            this(statement, false);
        }

        TransactionEnded(dev.migrate.sql.Statement statement, boolean sqlStatements) {
            super(statement == null ? "the migration's code ended the transaction"
                    : "the transaction ended at line " + statement.line());
            this.statement = statement;
            this.sqlStatements = sqlStatements;
        }
    }

    /** Carries the failing statement up to where the message is written. */
    static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient dev.migrate.sql.Statement statement;

        StatementFailed(dev.migrate.sql.Statement statement, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
        }
    }
}
