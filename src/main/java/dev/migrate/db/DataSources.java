package dev.migrate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrate.config.ConnectionSettings;

/** Connection pools shaped for a short-lived command: one connection, nothing opened before it is asked for. */
public final class DataSources {
    private DataSources() {
    }

    public static HikariDataSource forCommand(ConnectionSettings settings) {
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
        return new HikariDataSource(config);
    }
}
