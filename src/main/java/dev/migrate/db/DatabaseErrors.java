package dev.migrate.db;

import dev.migrate.config.ConnectionSettings;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Why the database refused, as far as it matters for what to do next. "Fix the migration" is the right advice for an
 * ordinary SQL error only; a lost connection, a read-only or full database, a missing privilege or a refused login
 * each need something else done. PostgreSQL is classified by SQLState, SQLite by its result code.
 */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /** The causes whose remedy differs; {@link #SQL} is everything else. */
    public enum Kind {
        CONNECTION_LOST, READ_ONLY, DISK_FULL, PERMISSION_DENIED, AUTHENTICATION_FAILED, DATABASE_MISSING,
        CANNOT_OPEN, NOT_A_DATABASE, IO_ERROR, SQL;

        /** Whether retrying a connection (--wait) can help: not when the login or a privilege is refused. */
        public boolean worthWaiting() {
            return this != AUTHENTICATION_FAILED && this != PERMISSION_DENIED;
        }
    }

    /** What happened (empty for an ordinary SQL error) and what to do next, each one sentence. */
    public record Diagnosis(Kind kind, String happened, String next) {
        public String sentences() {
            return happened.isEmpty() ? next : happened + " " + next;
        }
    }

    /** The kind of the first {@link SQLException} in the chain; {@link Kind#SQL} when there is none. */
    public static Kind kind(Throwable error) {
        SQLException sql = sqlException(error);
        if (sql instanceof SQLiteException sqlite) {
            return sqliteKind(sqlite.getResultCode());
        }
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        switch (state) {
            case "57P01", "57P02", "57P03":
                return Kind.CONNECTION_LOST;
            case "25006":
                return Kind.READ_ONLY;
            case "53100":
                return Kind.DISK_FULL;
            case "42501":
                return Kind.PERMISSION_DENIED;
            case "28P01", "28000":
                return Kind.AUTHENTICATION_FAILED;
            case "08004":
                // The driver's own refusal when the server asks for a password and none was given: retrying won't help.
                return sql.getMessage() != null && sql.getMessage().contains("password")
                        ? Kind.AUTHENTICATION_FAILED : Kind.CONNECTION_LOST;
            case "3D000":
                return Kind.DATABASE_MISSING;
            default:
                return state.startsWith("08") ? Kind.CONNECTION_LOST : Kind.SQL;
        }
    }

    private static Kind sqliteKind(SQLiteErrorCode code) {
        // Extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE, ...) share the primary code's low byte.
        int primary = code == null ? -1 : code.code & 0xff;
        if (primary == SQLiteErrorCode.SQLITE_READONLY.code) {
            return Kind.READ_ONLY;
        } else if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
            return Kind.DISK_FULL;
        } else if (primary == SQLiteErrorCode.SQLITE_PERM.code || primary == SQLiteErrorCode.SQLITE_AUTH.code) {
            return Kind.PERMISSION_DENIED;
        } else if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return Kind.CANNOT_OPEN;
        } else if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return Kind.NOT_A_DATABASE;
        } else if (primary == SQLiteErrorCode.SQLITE_IOERR.code) {
            return Kind.IO_ERROR;
        }
        return Kind.SQL;
    }

    /**
     * {@code what: the database's message}, and on the next line the remedy when the cause has one of its own. For
     * errors outside a migration (the version table, the schema, the lock), where "fix the migration" is no advice.
     */
    public static String explain(String what, Throwable error, ConnectionSettings settings) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        Diagnosis diagnosis = diagnose(error, settings.jdbcUrl(), DatabaseIdentity.user(settings));
        return what + ": " + message.strip() + (diagnosis.kind() == Kind.SQL ? "" : "\n  " + diagnosis.sentences());
    }

    /** For an error on an open connection (a migration's statement, the version table): reads its URL and user. */
    public static Diagnosis diagnose(Throwable error, Connection connection) {
        String url = "";
        String user = null;
        try {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        } catch (SQLException | RuntimeException ignored) {
            // A lost connection cannot say where it was; the classification does not need it.
        }
        return diagnose(error, url == null ? "" : url, user);
    }

    /**
     * @param jdbcUrl the URL the connection was opened with: for SQLite, the file whose permissions explain a refusal
     * @param user    the database user, for PostgreSQL messages; null when unknown
     */
    public static Diagnosis diagnose(Throwable error, String jdbcUrl, String user) {
        Kind kind = kind(error);
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(kind, jdbcUrl);
        }
        String who = user == null || user.isEmpty() ? "The database user" : "User " + user;
        String again = ", then run the command again.";
        return switch (kind) {
            case CONNECTION_LOST -> new Diagnosis(kind, "The server ended the connection (a restart, a failover, or "
                    + "an administrator terminated the session), so nothing uncommitted was kept.",
                    "Once the server accepts connections again, run the command again (`migrate current` shows where "
                            + "the database is).");
            case READ_ONLY -> new Diagnosis(kind, "The database accepts only reads in this session (a standby "
                    + "server, or default_transaction_read_only is on).",
                    "Point --url at the primary, or make the database writable" + again);
            case DISK_FULL -> new Diagnosis(kind, "The database server ran out of disk space.",
                    "Free space on the server's data volume" + again);
            case PERMISSION_DENIED -> new Diagnosis(kind, who + " lacks a privilege this needs (the database's "
                    + "message names it).", "Grant it, or run migrate as a user who has it" + again);
            case AUTHENTICATION_FAILED -> new Diagnosis(kind, "The server refused the login.",
                    "Check the user and password (--user, --password-file, PGPASSWORD or the URL); waiting and "
                            + "retrying cannot fix this.");
            case DATABASE_MISSING -> new Diagnosis(kind, "That database does not exist on the server.",
                    "Create it, or correct the database name in the URL.");
            default -> ordinary();
        };
    }

    private static Diagnosis sqlite(Kind kind, String jdbcUrl) {
        Path file = SqliteUrls.file(jdbcUrl);
        String name = file == null ? "the in-memory database" : file.toString();
        String reason = file == null ? "" : ": " + osReason(file, jdbcUrl);
        String writable = "Make " + name + " and its folder writable by user " + user()
                + " (or run migrate as a user who may write them), then run the command again.";
        return switch (kind) {
            case READ_ONLY, PERMISSION_DENIED -> new Diagnosis(kind, "SQLite cannot write " + name + reason + ".",
                    writable);
            case CANNOT_OPEN -> new Diagnosis(kind, "SQLite cannot open " + name + reason + ".",
                    "Check the path in --url, and that user " + user() + " may write the file and its folder.");
            case NOT_A_DATABASE -> new Diagnosis(kind, name + " is not a SQLite database (another kind of file, "
                    + "or an encrypted or damaged one).", "Check the path in --url: nothing was written to the file.");
            case DISK_FULL -> new Diagnosis(kind, "The disk holding " + name + " is full.",
                    "Free space on it, then run the command again.");
            case IO_ERROR -> new Diagnosis(kind, "The operating system reported an I/O error on " + name + reason + ".",
                    "Check the disk and the file system, then run the command again.");
            default -> ordinary();
        };
    }

    /**
     * Whether {@code failure} (or its cause) is the database refusing to create an object that already exists:
     * PostgreSQL's duplicate-object states, SQLite's "already exists" and "duplicate column name".
     */
    public static boolean alreadyExists(Throwable failure) {
        return causedBy(failure, List.of("42P07", "42710", "42701", "42P06", "42723"),
                List.of("already exists", "duplicate column name"));
    }

    /**
     * Whether {@code failure} (or its cause) is the database not finding an object a statement names: PostgreSQL's
     * undefined-object states, SQLite's "no such table" (index, column, view, trigger).
     */
    public static boolean doesNotExist(Throwable failure) {
        return causedBy(failure, List.of("42P01", "42704", "42703", "3F000", "42883"), List.of("no such "));
    }

    private static boolean causedBy(Throwable failure, List<String> states, List<String> words) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                return true;
            }
            // SQLite says it only in words; PostgreSQL's words could be a migration's own RAISE.
            String message = cause.getMessage();
            if (cause instanceof SQLiteException && message != null && words.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** What to do about an ordinary SQL error: the last line of a failed migration's message. */
    public static final String FIX_THE_MIGRATION = "Fix the migration and run the command again.";

    private static Diagnosis ordinary() {
        return new Diagnosis(Kind.SQL, "", FIX_THE_MIGRATION);
    }

    /**
     * Why the operating system would refuse to write the file: SQLite reports only that it could not, and the fix
     * depends on which of the file, its folder (where SQLite writes its journal) or the mount is the obstacle.
     */
    static String osReason(Path file, String jdbcUrl) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            return "the folder " + folder + " does not exist";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "permission denied on " + file + " (the file is not writable by user " + user() + ")";
        }
        if (folder != null && !Files.isWritable(folder)) {
            return "permission denied on " + folder + " (the folder is not writable by user " + user()
                    + "; SQLite writes its journal there)";
        }
        String parameter = SqliteUrls.readOnlyParameter(jdbcUrl);
        if (parameter != null) {
            return "the URL opens it read-only (" + parameter + ")";
        }
        try {
            if (Files.getFileStore(Files.exists(file) ? file : folder).isReadOnly()) {
                return "the file system that holds it is mounted read-only";
            }
        } catch (IOException | RuntimeException ignored) {
            // No better reason to give than the one below.
        }
        return "the operating system refused, though user " + user() + " may write the file and its folder";
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private static SQLException sqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
