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
     * @param wait   how long to keep retrying a server that refuses connections (zero: try once)
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
        try {
            return pool(settings, Duration.ofMillis(1));
        } catch (HikariPool.PoolInitializationException first) {
            Duration left = wait.minus(Duration.ofNanos(System.nanoTime() - started));
            if (wait.isZero() || left.isNegative() || left.isZero()) {
                throw unreachable(settings, dialect, first, wait);
            }
            onWait.accept(reason(first));
            try {
                return pool(settings, left);
            } catch (HikariPool.PoolInitializationException last) {
                throw unreachable(settings, dialect, last, wait);
            }
        }
    }

    private static CommandDataSource pool(ConnectionSettings settings, Duration initialization) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setPoolName("migrate");
        // One connection does everything: the lock, the reads and the migrations must share it.
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        // Positive: connect while the pool starts, retrying (about once a second) for this long before giving up.
        config.setInitializationFailTimeout(Math.max(1, initialization.toMillis()));
        HikariDataSource pool = new HikariDataSource(config);
        return new CommandDataSource(pool, pool);
    }

    private static DatabaseException unreachable(ConnectionSettings settings, Dialect dialect,
                                                 HikariPool.PoolInitializationException error, Duration wait) {
        String waited = wait.isZero() ? "" : " after waiting " + wait.toSeconds() + " s";
        return new DatabaseException("Cannot connect to " + dialect.location(settings) + waited + ": " + reason(error)
                + (wait.isZero() ? " (--wait SECONDS retries while a starting database comes up)" : ""), error);
    }

    /** The driver's own explanation, not the pool's wrapper around it. */
    private static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && cause instanceof RuntimeException) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
