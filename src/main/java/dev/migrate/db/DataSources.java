package dev.migrate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrate.config.ConnectionSettings;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;

/**
 * Connections shaped for a short-lived command. A server database gets a HikariCP pool of one connection (connect
 * timeout, validation, nothing opened before it is asked for). A SQLite file is opened directly: a pool around one
 * file handle buys nothing and costs ~40 ms of every start (measured with bench/bench.py).
 */
public final class DataSources {
    private DataSources() {
    }

    /** A data source and what must be closed when the command is done with it. */
    public record CommandDataSource(DataSource dataSource, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    public static CommandDataSource forCommand(ConnectionSettings settings) {
        if (settings.isSqlite()) {
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl(settings.jdbcUrl());
            return new CommandDataSource(sqlite, () -> { });
        }
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
        // Don't connect while building the pool: the first getConnection() reports failures, with our message.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        return new CommandDataSource(pool, pool);
    }
}
