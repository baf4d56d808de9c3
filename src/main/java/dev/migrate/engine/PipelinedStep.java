package dev.migrate.engine;

import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;
import dev.migrate.db.Dialect;
import dev.migrate.db.MigrationLog;
import dev.migrate.db.VersionTable;
import dev.migrate.graph.Step;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlSplitter;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One transactional SQL migration sent in few round trips, on a server whose driver sends a JDBC batch as one: its
 * statements in batches (up to {@link #CHUNK_CHARS} characters each, so a large file still streams), each batch
 * ending with a guard, and the version-table change with the last batch; then the log row and {@code COMMIT}
 * together. Two round trips for a small migration where statement by statement takes one per statement plus three.
 * A large file's next batch is read and split ({@link StatementFeed}) while the server runs the last one.
 *
 * <p>What the statement-by-statement path guarantees holds here too, or this class hands the step back to it:
 * <ul>
 *   <li>A statement the database refuses aborts the transaction; the batch is rolled back and the statement named
 *       from the driver's report (the batch entry it quotes), with its line, exactly as the statement-by-statement
 *       path names it; nothing runs twice. Only when that report cannot be matched to an entry does the executor run
 *       the migration again statement by statement to find it.</li>
 *   <li>A statement that looks like transaction control (possible only with placeholders, or where the checks before
 *       a run were bypassed) is never batched: the migration runs statement by statement, which reports it.</li>
 *   <li>Each batch ends with {@code SAVEPOINT}, which the server refuses outside a transaction block: if anything in
 *       the batch ended migrate's transaction, the statements after it are rolled back with the batch, the version
 *       table is not changed, and the migration fails as one that ended its transaction.</li>
 *   <li>The version table's change must touch one row per operation, checked from the batch's counts before the
 *       commit is sent.</li>
 * </ul>
 */
final class PipelinedStep {
    /**
     * Text per batch: a few hundred statements of a typical size (the driver waits for the replies every 256 statements
     * anyway, so larger batches save no round trip), and little alive when the young generation is collected: at
     * 1 Mi characters, copying the batches being built and sent took a fifth of the CPU of a 50 MiB migration.
     */
    static final int CHUNK_CHARS = 64 * 1024;
    /** A file larger than this (one that is streamed) is read on a thread of its own while the server runs a batch. */
    static final long READ_AHEAD_BYTES = 256 * 1024;
    /** A name no migration is expected to use; released at once, so it never shadows one that does. */
    private static final String GUARD = "SAVEPOINT migrate_transaction_guard";
    private static final String GUARD_RELEASE = "RELEASE SAVEPOINT migrate_transaction_guard";

    /** How a pipelined attempt ended. */
    enum Outcome {
        /** Ran, recorded and committed. */
        COMMITTED,
        /** Rolled back without any effect: run the migration statement by statement instead. */
        RUN_STATEMENT_BY_STATEMENT
    }

    private final Connection connection;
    private final Dialect dialect;
    private final VersionTable versionTable;
    private final MigrationLog log;
    private final MigrationLog.Runner runner;
    private final MigrationListener listener;
    private final Map<String, String> arguments;

    PipelinedStep(Connection connection, Dialect dialect, VersionTable versionTable, MigrationLog log,
                  MigrationLog.Runner runner, MigrationListener listener, Map<String, String> arguments) {
        this.connection = connection;
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.log = log;
        this.runner = runner;
        this.listener = listener;
        this.arguments = arguments;
    }

    /**
     * Runs a transactional SQL migration inside the transaction the caller began. On {@code RUN_STATEMENT_BY_STATEMENT}
     * the transaction has been rolled back and is still the caller's (autocommit off).
     */
    Outcome run(Step step, StepInfo info, SqlMigration sql, String checksum) throws SQLException {
        Instant started = Instant.now();
        List<String> notices = new ArrayList<>();
        try (SqlSplitter statements = sql.statements(step.direction(), dialect.flavor());
             StatementFeed feed = new StatementFeed(statements,
                     text -> sql.placeholders() ? Placeholders.apply(text, arguments) : text, CHUNK_CHARS,
                     sizeOf(sql) > READ_AHEAD_BYTES);
             Statement batch = connection.createStatement()) {
            Chunk chunk = new Chunk();
            for (StatementFeed.Part part = feed.next(); ; part = feed.next()) {
                if (part.end() == StatementFeed.End.FAILED) {
                    throw part.rethrow();
                }
                if (part.end() == StatementFeed.End.TRANSACTION_CONTROL) {
                    connection.rollback();
                    return Outcome.RUN_STATEMENT_BY_STATEMENT;
                }
                for (int i = 0; i < part.texts().size(); i++) {
                    chunk.add(batch, part.texts().get(i), part.lines().get(i));
                }
                if (part.end() == StatementFeed.End.LAST) {
                    break;
                }
                if (!send(batch, chunk, notices, info)) {
                    return Outcome.RUN_STATEMENT_BY_STATEMENT;
                }
            }
            List<String> change = versionTable.render(step.change());
            for (String operation : change) {
                chunk.add(batch, operation, 0);
            }
            if (!send(batch, chunk, notices, info)) {
                return Outcome.RUN_STATEMENT_BY_STATEMENT;
            }
            for (String notice : notices) {
                listener.notice(info, notice);
            }
            int[] counts = chunk.lastCounts;
            // The guard's two statements end the batch; the change's operations come just before them.
            versionTable.requireOneRowEach(step.change(),
                    Arrays.copyOfRange(counts, counts.length - 2 - change.size(), counts.length - 2));
            batch.addBatch(log.recordStatement(runner, step.revision().id(), step.direction().word(), checksum,
                    started, Instant.now()));
            batch.addBatch("COMMIT");
            try {
                batch.executeBatch();
            } catch (BatchUpdateException e) {
                throw serverError(e);
            }
            connection.setAutoCommit(true); // the transaction is already closed: the driver sends nothing
            return Outcome.COMMITTED;
        }
    }

    /** The file's size in bytes, or -1 when it cannot be known without reading it. */
    private static long sizeOf(SqlMigration sql) {
        if (sql.parsedText() != null) {
            return sql.parsedText().length(); // a small file, kept in memory: nothing to read ahead
        }
        try {
            return sql.text().size();
        } catch (IOException e) {
            return -1; // reading it will say what is wrong, as before
        }
    }

    /**
     * Sends one batch, the guard at its end. True when it ran; false when a statement failed and the transaction was
     * rolled back, so that the statement-by-statement run can name it.
     */
    private boolean send(Statement batch, Chunk chunk, List<String> notices, StepInfo info) throws SQLException {
        batch.addBatch(GUARD);
        batch.addBatch(GUARD_RELEASE);
        try {
            chunk.lastCounts = batch.executeBatch();
        } catch (BatchUpdateException e) {
            // Failed on the server, or refused by the driver with the transaction still open: nothing was kept.
            if (!connection.isClosed()
                    && (dialect.transactionFailed(connection) || dialect.transactionOpen(connection))) {
                int failing = failingEntry(e, chunk);
                if (failing >= 0) {
                    // Named from the driver's own report, so nothing runs a second time (a sequence's nextval, a
                    // write through dblink are not undone by a rollback). The notices of the statements that did run
                    // are printed, as the statement-by-statement path would have.
                    notices.forEach(notice -> listener.notice(info, notice));
                    for (SQLWarning w = batch.getWarnings(); w != null; w = w.getNextWarning()) {
                        listener.notice(info, dialect.noticeText(w));
                    }
                    batch.clearWarnings();
                    connection.rollback();
                    if (chunk.lines.get(failing) > 0) {
                        throw new Executor.StatementFailed(new dev.migrate.sql.Statement(chunk.texts.get(failing),
                                chunk.lines.get(failing)), serverError(e));
                    }
                    throw new Executor.RecordingFailed(serverError(e)); // migrate's own: the version change
                }
                batch.clearWarnings();
                connection.rollback();
                return false;
            }
            if (connection.isClosed()) {
                // The connection is gone: nothing can run again. The first statement without a reply is the one the
                // server had been given when it went.
                int failing = e.getUpdateCounts() == null ? 0 : e.getUpdateCounts().length;
                if (failing < chunk.lines.size() && chunk.lines.get(failing) > 0) {
                    throw new Executor.StatementFailed(
                            new dev.migrate.sql.Statement(chunk.texts.get(failing), chunk.lines.get(failing)),
                            serverError(e));
                }
                throw serverError(e);
            }
            // Still connected, no transaction: something in the batch ended it, and the guard caught the rest.
            throw new Executor.TransactionEnded(null, true);
        }
        for (SQLWarning warning = batch.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            notices.add(dialect.noticeText(warning));
        }
        batch.clearWarnings();
        chunk.clear();
        return true;
    }

    /**
     * The index, in the batch, of the statement the server refused: pgjdbc reports every count of a failed batch as
     * failed, but names the entry in its message ("Batch entry N TEXT was aborted"). Trusted only when the text
     * quoted there is that entry's; otherwise -1, and the step runs again statement by statement to find it.
     */
    private static int failingEntry(BatchUpdateException e, Chunk chunk) {
        String message = e.getMessage();
        if (message == null) {
            return -1;
        }
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("(\\d+)").matcher(message);
        if (!number.find()) {
            return -1;
        }
        int index;
        try {
            index = Integer.parseInt(number.group(1));
        } catch (NumberFormatException tooLong) {
            return -1;
        }
        if (index < 0 || index >= chunk.texts.size()) {
            return -1;
        }
        String text = chunk.texts.get(index);
        String head = text.substring(0, Math.min(text.length(), 60));
        return message.contains(head) ? index : -1;
    }

    /** The server's own error, which pgjdbc chains behind its "Batch entry N ... was aborted" wrapper. */
    private static SQLException serverError(BatchUpdateException e) {
        return e.getNextException() != null ? e.getNextException() : e;
    }

    /** The statements queued in the batch not yet sent: their lines (0 for migrate's own) and, for messages, text. */
    private static final class Chunk {
        private final List<Integer> lines = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private int[] lastCounts = new int[0];

        void add(Statement batch, String text, int line) throws SQLException {
            batch.addBatch(text);
            lines.add(line);
            texts.add(text);
        }

        void clear() {
            lines.clear();
            texts.clear();
        }
    }
}
