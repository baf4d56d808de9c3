package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.MigrateConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A database that migrate makes for one command and drops at its end: a SQLite file in a temporary folder; on
 * PostgreSQL a database of a unique name on the same server ({@code CREATE DATABASE}), or, given a dev database
 * ({@code --dev-url}), a schema of a unique name in it, for users who may not create databases. A shutdown hook
 * drops it if the process is interrupted (Ctrl-C) before the command does.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String PREFIX = "migrate_scratch_";

    private final MigrateConfig config;
    private final Runnable drop;
    private final Thread hook;
    private boolean dropped;

    private ScratchDatabase(MigrateConfig config, Runnable drop) {
        this.config = config;
        this.drop = drop;
        this.hook = new Thread(this::dropOnce, "migrate-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A scratch database beside {@code server} (the database whose server it is made on), for the migrations of
     * {@code base}. {@code devUrl}, when given, is the PostgreSQL database to make scratch schemas in instead.
     */
    static ScratchDatabase create(MigrateConfig base, ConnectionSettings server, ConnectionSettings dev) {
        if (dev != null) {
            if (!dev.isPostgres()) {
                throw new dev.migrate.api.UsageException("--dev-url names a PostgreSQL database to make scratch "
                        + "schemas in; SQLite scratch databases are temporary files and need none.");
            }
            return inSchema(base, dev);
        }
        return server.isPostgres() ? newDatabase(base, server) : sqliteFile(base);
    }

    private static ScratchDatabase sqliteFile(MigrateConfig base) {
        Path folder;
        try {
            folder = Files.createTempDirectory("migrate-scratch-");
            Files.createFile(folder.resolve("scratch.db")); // an empty file is an empty SQLite database
        } catch (IOException e) {
            throw new DatabaseException("Cannot create a temporary folder for a scratch SQLite database: "
                    + e.getMessage(), e);
        }
        ConnectionSettings file = new ConnectionSettings("jdbc:sqlite:" + folder.resolve("scratch.db"), null, null);
        return new ScratchDatabase(withDatabase(base, file, null), () -> deleteTree(folder));
    }

    private static ScratchDatabase newDatabase(MigrateConfig base, ConnectionSettings server) {
        String name = uniqueName();
        execute(server, "CREATE DATABASE " + name, "create a scratch database on");
        ConnectionSettings scratch = new ConnectionSettings(replaceDatabase(server.jdbcUrl(), name), server.user(),
                server.password());
        // The scratch database has the user's schema name too, so what it holds reads as the real one does.
        return new ScratchDatabase(withDatabase(base, scratch, base.schema()),
                () -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "drop scratch database "
                        + name + " on"));
    }

    private static ScratchDatabase inSchema(MigrateConfig base, ConnectionSettings dev) {
        String name = uniqueName();
        execute(dev, "CREATE SCHEMA " + name, "create a scratch schema in");
        return new ScratchDatabase(withDatabase(base, dev, name),
                () -> execute(dev, "DROP SCHEMA IF EXISTS " + name + " CASCADE", "drop scratch schema " + name + " in"));
    }

    private static String uniqueName() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return PREFIX + HexFormat.of().formatHex(random);
    }

    /** {@code base} pointed at another database (and schema); everything else, the migrations included, as it was. */
    static MigrateConfig withDatabase(MigrateConfig base, ConnectionSettings connection, String schema) {
        return new MigrateConfig(connection, base.dir(), base.classpathLocation(), schema, base.versionTable(),
                base.transactionMode(), base.lockTimeout(), java.time.Duration.ZERO, base.classpath(), base.cacheDir(),
                base.arguments(), base.revisionIdStyle(), base.fileTemplate(), base.sources(), base.notes(),
                base.logTable(), base.ignoreChanged(), null);
    }

    /** {@code jdbc:postgresql://host:port/db?x=y} with another database name. */
    static String replaceDatabase(String jdbcUrl, String database) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            int query = jdbcUrl.indexOf('?');
            return "jdbc:postgresql:" + database + (query < 0 ? "" : jdbcUrl.substring(query));
        }
        int slash = jdbcUrl.indexOf('/', prefix.length());
        int query = jdbcUrl.indexOf('?', prefix.length());
        String host = jdbcUrl.substring(0, slash < 0 ? (query < 0 ? jdbcUrl.length() : query) : slash);
        return host + "/" + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static void execute(ConnectionSettings settings, String sql, String what) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            String where = dev.migrate.db.Dialect.of(settings).location(settings);
            throw new DatabaseException("Cannot " + what + " " + where + ": " + e.getMessage()
                    + (sql.startsWith("CREATE DATABASE") ? "\n  A user who may not create databases can name an empty "
                    + "database to work in with --dev-url (migrate makes and drops a schema there)." : ""), e);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot delete the scratch database in " + folder + ": " + e.getMessage(), e);
        }
    }

    MigrateConfig config() {
        return config;
    }

    /** A migrator on the scratch database; silent, since its runs are steps of the command, not the command. */
    Migrator migrator() {
        return new Migrator(config, MigrationListener.NONE);
    }

    private synchronized void dropOnce() {
        if (!dropped) {
            dropped = true;
            drop.run();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs (or ran) anyway; dropOnce makes the second call a no-op.
        }
        dropOnce();
    }
}
