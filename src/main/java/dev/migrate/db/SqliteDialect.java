package dev.migrate.db;

import dev.migrate.api.DatabaseException;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.text.IoReasons;
import dev.migrate.sql.SqlFlavor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

public final class SqliteDialect implements Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDialect.class);

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public SqlFlavor flavor() {
        return SqlFlavor.SQLITE;
    }

    @Override
    public String location(ConnectionSettings settings) {
        Path file = file(settings);
        return file == null ? "SQLite in memory" : "SQLite file " + file;
    }

    @Override
    public String scriptHint() {
        return "run with: sqlite3 DATABASE < FILE";
    }

    @Override
    public boolean databaseExists(ConnectionSettings settings) {
        Path file = file(settings);
        return file == null || Files.exists(file);
    }

    /** The database file, or null for an in-memory database. */
    private static Path file(ConnectionSettings settings) {
        return SqliteUrls.file(settings.jdbcUrl());
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        // SQLite compares table names without regard to (ASCII) case, quoted or not: so does this lookup.
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public boolean noSuchSavepoint(SQLException e) {
        // SQLite has one result code for all SQL errors; the message names this one.
        return e.getMessage() != null && e.getMessage().contains("no such savepoint");
    }

    /**
     * The file's path with symbolic links resolved; for a file not there yet, its folder's resolved path. A link
     * whose target does not exist yet is followed too: SQLite creates the file at the target, so a runner naming the
     * target and one naming the link must meet at the same lock file. Each hop is resolved against its link's real
     * folder, never by editing the text ({@code ..} after a linked folder is the link target's parent).
     */
    static Path realPath(Path file) {
        Path current = file.toAbsolutePath();
        for (int hops = 0; hops < 40; hops++) {
            try {
                return current.toRealPath();
            } catch (IOException missing) {
                // The file (or the end of a chain of links) is not there yet: resolve what is.
            }
            Path folder;
            try {
                folder = current.getParent().toRealPath();
            } catch (IOException | RuntimeException e) {
                return current; // opening the lock file will say what is wrong
            }
            Path here = folder.resolve(current.getFileName());
            if (!Files.isSymbolicLink(here)) {
                return here;
            }
            try {
                current = folder.resolve(Files.readSymbolicLink(here));
            } catch (IOException e) {
                return here;
            }
        }
        return current;
    }

    /**
     * An exclusive lock on a file beside the database ({@code app.db.migrate-lock}), held for the whole command.
     * SQLite's own locks last one transaction, and a command commits once per migration; locking the database file
     * itself would interfere with SQLite's POSIX locks, which any close of the same file in this process releases.
     */
    @Override
    public CommandLock lock(Connection connection, ConnectionSettings settings, String versionTable, Duration timeout,
                            Runnable onWait) {
        Path file = file(settings);
        if (file == null) {
            return () -> { };
        }
        // Beside the real file: two runners naming it through different paths (a symbolic link to it or to a folder
        // on its path) must take the same lock. Hard links to one file are not told apart.
        Path real = realPath(file);
        Path lockFile = real.resolveSibling(real.getFileName() + ".migrate-lock");
        LOG.debug("Taking the migration lock: an exclusive lock on {}", lockFile);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DatabaseException("Cannot open the lock file " + lockFile + " beside the database: "
                    + IoReasons.reason(e) + ". migrate needs to create and lock it there; run as a user who may "
                    + "write to " + (lockFile.toAbsolutePath().getParent()) + ".", e);
        }
        FileLock[] held = new FileLock[1];
        boolean taken;
        try {
            taken = Polling.until(() -> {
                try {
                    held[0] = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    held[0] = null; // another command in this same JVM holds it
                }
                return held[0] != null;
            }, timeout, onWait);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        if (!taken) {
            closeQuietly(channel);
            throw new LockTimeoutException(timeout, lockFile.toString());
        }
        return () -> closeQuietly(channel); // closing the channel releases the lock
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to do: the lock goes with the process at the latest.
        }
    }
}
