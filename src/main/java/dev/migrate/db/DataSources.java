package dev.migrate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.migrate.api.DatabaseException;
import dev.migrate.config.ConnectionSettings;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Connections shaped for a short-lived command. A server database gets a HikariCP pool of one connection: a connect
 * timeout, and a first connection made while the pool starts, so an unreachable server fails at once with the
 * driver's own reason. A SQLite file is opened directly: a pool around one file handle buys nothing and costs
 * ~40 ms of every start (measured with bench/bench.py).
 */
public final class DataSources {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private DataSources() {
    }

    /** A data source and what must be closed when the command is done with it. */
    public record CommandDataSource(DataSource dataSource, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /**
     * @param wait   how long to keep retrying a server that refuses connections (zero: try once). A refused login or
     *               a missing privilege is never retried: waiting cannot change the answer.
     * @param onWait told once, with the reason, when the first attempt failed and the wait begins
     * @throws DatabaseException naming where the database is and why it could not be reached
     */
    public static CommandDataSource forCommand(ConnectionSettings settings, Dialect dialect, Duration wait,
                                               Consumer<String> onWait) {
        if (settings.isSqlite()) {
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl(settings.jdbcUrl());
            return new CommandDataSource(sqlite, () -> { });
        }
        long started = System.nanoTime();
        boolean waiting = false;
        while (true) {
            try {
                return pool(settings);
            } catch (HikariPool.PoolInitializationException failed) {
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                if (!DatabaseErrors.kind(failed).worthWaiting()) {
                    throw cannotConnect(settings, dialect, failed, waiting ? waited : Duration.ZERO, false);
                }
                if (wait.isZero() || waited.compareTo(wait) >= 0) {
                    throw cannotConnect(settings, dialect, failed, waiting ? wait : Duration.ZERO, wait.isZero());
                }
                if (!waiting) {
                    onWait.accept(reason(failed));
                    waiting = true;
                }
                // No sleep here: HikariCP pauses a second after a failed attempt before it gives up.
            }
        }
    }

    /** One attempt at the command's one connection, made while the pool starts and then kept for the command. */
    private static CommandDataSource pool(ConnectionSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setPoolName("migrate");
        // One connection does everything: the lock, the reads and the migrations must share it. With a minimum of
        // one, the connection made while the pool starts stays in the pool and is the one the command borrows;
        // with zero, HikariCP closes it and the server sees a second session.
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        // Positive: connect while the pool starts; 1 ms means one attempt, and forCommand decides about retrying.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool = new HikariDataSource(config);
        return new CommandDataSource(pool, pool);
    }

    /**
     * The message for a connection that could not be made: where, the driver's reason, and (for a refused login, a
     * missing privilege or database) what to do. Also for {@code getConnection} failures after the data source was
     * made, such as a SQLite file that cannot be opened.
     */
    public static DatabaseException cannotConnect(ConnectionSettings settings, Dialect dialect, Throwable error,
                                                  Duration waited, boolean suggestWait) {
        String user = DatabaseIdentity.user(settings);
        DatabaseErrors.Diagnosis diagnosis = DatabaseErrors.diagnose(error, settings.jdbcUrl(), user);
        StringBuilder message = new StringBuilder("Cannot connect to ").append(dialect.location(settings));
        if (diagnosis.kind() == DatabaseErrors.Kind.AUTHENTICATION_FAILED && user != null) {
            message.append(" as user ").append(user);
        }
        if (!waited.isZero()) {
            message.append(" after waiting ").append(waited.toSeconds()).append(" s");
        }
        message.append(": ").append(reason(error));
        String nativeLibrary = nativeLibraryProblem(error);
        if (nativeLibrary != null) {
            message.append(". ").append(nativeLibrary);
        } else if (diagnosis.kind() != DatabaseErrors.Kind.SQL && diagnosis.kind() != DatabaseErrors.Kind.CONNECTION_LOST) {
            message.append(". ").append(diagnosis.sentences());
        }
        if (suggestWait) {
            message.append(" (--wait SECONDS retries while a starting database comes up)");
        }
        return new DatabaseException(message.toString(), error);
    }

    /**
     * SQLite's driver copies its native library into {@code java.io.tmpdir} before the first connection; where that
     * folder cannot be written the driver only says "Error opening connection". The cause is further down the chain.
     */
    private static String nativeLibraryProblem(Throwable error) {
        if (cause(error, c -> c.getClass().getSimpleName().equals("NativeLibraryNotFoundException")) == null) {
            return null;
        }
        java.nio.file.Path temp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        return "SQLite's native library could not be loaded"
                + (java.nio.file.Files.isWritable(temp) ? "" : ": the driver copies it into the temporary "
                + "folder " + temp + ", which this user may not write (permission denied)")
                + ". Point TMPDIR (or -Djava.io.tmpdir) at a folder this user may write, or run migrate "
                + "through its launcher, which keeps the library in a cache folder of its own";
    }

    /** The first of {@code error} and its causes that {@code matches}; null when none does. */
    private static Throwable cause(Throwable error, java.util.function.Predicate<Throwable> matches) {
        for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (matches.test(cause)) {
                return cause;
            }
        }
        return null;
    }

    /** The driver's own explanation, not the pool's wrapper around it. */
    private static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && cause instanceof RuntimeException) {
            cause = cause.getCause();
        }
        String message = (cause.getMessage() == null ? cause.toString() : cause.getMessage())
                .replaceAll("\\s+", " ").trim();
        // PostgreSQL's driver says only "The connection attempt failed." for a host name that does not resolve; the
        // reason is further down the chain, and it is the one an operator needs.
        Throwable unknownHost = cause(error, java.net.UnknownHostException.class::isInstance);
        return unknownHost == null ? message : message + " The host name " + unknownHost.getMessage()
                + " does not resolve (DNS): check the host in the URL, or the network's name service";
    }
}
