package dev.migrate.engine;

import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.sql.TransactionControl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A section's statements for {@link PipelinedStep}, in parts of up to a given number of characters: placeholders
 * applied, and the section stopped at the first statement that looks like transaction control.
 *
 * <p>For a large file the parts are read on a thread of their own, at most {@link #AHEAD} parts ahead, so that
 * reading, hashing and splitting the next part overlap the server's work on the last one (they cost as much as the
 * server's own work on a file of single-row inserts), and memory stays bounded however large the file: a part of
 * statements larger than a batch is not read past until the caller has sent it, so large statements are held one at
 * a time, as when the caller reads them. Only the
 * caller's thread touches the connection. Nothing is reordered: what the reading meets (the end of the section,
 * transaction control, an exception from the splitter: an unterminated quote, a file changed while it was read) comes
 * to the caller in its place, after the parts before it, as if the caller had read it. A small file is read on the
 * caller's thread, part by part as the caller asks: a thread would cost more than it saves.
 */
final class StatementFeed implements AutoCloseable {
    /** Parts read ahead and waiting: enough that the server never waits for the reader, few enough to be small. */
    static final int AHEAD = 2;

    /** How the section goes on after a part. */
    enum End {
        /** More parts follow. */
        MORE,
        /** The last part of the section. */
        LAST,
        /** The section holds transaction control; the part holds nothing. */
        TRANSACTION_CONTROL,
        /** Reading failed with {@code failure}; the part holds nothing. */
        FAILED
    }

    /** Statements (text with placeholders applied, and the line each starts on), and what follows them. */
    record Part(List<String> texts, List<Integer> lines, long chars, End end, Throwable failure) {
        /** Rethrows the reading's failure, as it was thrown. */
        RuntimeException rethrow() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure); // the splitter throws nothing checked
        }
    }

    private final SqlSplitter statements;
    private final UnaryOperator<String> placeholders;
    private final int partChars;
    private final TransactionControl control = new TransactionControl();
    private final BlockingQueue<Part> ahead = new ArrayBlockingQueue<>(AHEAD);
    private final Thread reader;
    private volatile boolean stopped;
    /** Guards {@link #asked}: the parts the caller has asked for so far. */
    private final Object demand = new Object();
    private int asked;

    /**
     * @param statements   the section; the caller closes it, after this feed
     * @param placeholders applied to each statement's text
     * @param partChars    a part ends with the statement that brings it to this many characters
     * @param readAhead    whether to read on a thread of its own
     */
    StatementFeed(SqlSplitter statements, UnaryOperator<String> placeholders, int partChars, boolean readAhead) {
        this.statements = statements;
        this.placeholders = placeholders;
        this.partChars = partChars;
        if (readAhead) {
            reader = new Thread(this::readAhead, "migrate-statement-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            reader = null;
        }
    }

    /** The next part; after a part that does not end with {@code MORE}, there is none. */
    Part next() {
        return reader == null ? read() : take();
    }

    /** Reads one part. Never throws: a failure is the part's end, handed to the caller in its place. */
    private Part read() {
        List<String> texts = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        long chars = 0;
        try {
            while (!stopped && statements.hasNext()) {
                Statement statement = statements.next();
                String text = placeholders.apply(statement.sql());
                if (control.problem(new Statement(text, statement.line())) != null) {
                    return new Part(List.of(), List.of(), 0, End.TRANSACTION_CONTROL, null);
                }
                texts.add(text);
                lines.add(statement.line());
                chars += text.length();
                if (chars >= partChars) {
                    return new Part(texts, lines, chars, End.MORE, null);
                }
            }
            return new Part(texts, lines, chars, End.LAST, null);
        } catch (Throwable e) {
            return new Part(List.of(), List.of(), 0, End.FAILED, e);
        }
    }

    private void readAhead() {
        Part part;
        int produced = 0;
        do {
            part = read();
            produced++;
            try {
                while (!stopped && !ahead.offer(part, 50, TimeUnit.MILLISECONDS)) {
                    // the caller is still sending; look again, unless it stopped
                }
                if (part.chars() > 2L * partChars) {
                    awaitAsked(produced + 1);
                }
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread but to end it
            }
        } while (part.end() == End.MORE && !stopped);
    }

    /**
     * After a part of statements larger than a batch (a big INSERT, a function's body), reads nothing more until the
     * caller asks for the part after it, that is, until the caller has sent it: a file of large statements then
     * holds one of them at a time, as it did read on the caller's thread, instead of one per waiting part.
     */
    private void awaitAsked(int part) throws InterruptedException {
        synchronized (demand) {
            while (!stopped && asked < part) {
                demand.wait(50);
            }
        }
    }

    /** Waits for the next part; an interrupt is kept for the caller, as the statement-by-statement path keeps it. */
    private Part take() {
        synchronized (demand) {
            asked++;
            demand.notifyAll();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Part part = ahead.poll(50, TimeUnit.MILLISECONDS);
                    if (part != null) {
                        return part;
                    }
                    if (!reader.isAlive() && ahead.isEmpty()) {
                        // It ended without handing over its last part (only an interrupt does that): never wait.
                        return new Part(List.of(), List.of(), 0, End.FAILED,
                                new IllegalStateException("the thread reading the migration's statements stopped"));
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops reading ahead and waits until the reader has let go of the section, so the caller may close it. */
    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        stopped = true;
        ahead.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
