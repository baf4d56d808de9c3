package dev.migrate.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import dev.migrate.config.ConnectionSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Causes that cannot be produced for real here (a full disk) are checked on the exceptions the drivers raise. */
class DatabaseErrorsTest {
    private static final String PG = "jdbc:postgresql://db.internal:5432/app";

    @TempDir
    Path work;

    @Test
    void postgresDiskFullByItsSqlState() {
        SQLException full = new SQLException("ERROR: could not extend file \"base/16384/16385\": No space left on device",
                "53100");
        DatabaseErrors.Diagnosis diagnosis = DatabaseErrors.diagnose(new RuntimeException("wrapped", full), PG, "app");
        assertEquals(DatabaseErrors.Kind.DISK_FULL, diagnosis.kind());
        assertEquals("The database server ran out of disk space. Free space on the server's data volume, then run the "
                + "command again.", diagnosis.sentences());
    }

    @Test
    void sqliteDiskFullByItsResultCode() {
        Path file = work.resolve("app.db");
        SQLiteException full = new SQLiteException("[SQLITE_FULL] Insertion failed because database is full",
                SQLiteErrorCode.SQLITE_FULL);
        DatabaseErrors.Diagnosis diagnosis = DatabaseErrors.diagnose(full, "jdbc:sqlite:" + file, null);
        assertEquals(DatabaseErrors.Kind.DISK_FULL, diagnosis.kind());
        assertEquals("The disk holding " + file + " is full. Free space on it, then run the command again.",
                diagnosis.sentences());
    }

    @Test
    void sqliteExtendedCodesCountAsTheirPrimaryCode() {
        SQLiteException directory = new SQLiteException("attempt to write a readonly database",
                SQLiteErrorCode.SQLITE_READONLY_DIRECTORY);
        assertEquals(DatabaseErrors.Kind.READ_ONLY, DatabaseErrors.kind(directory));
        assertEquals(DatabaseErrors.Kind.IO_ERROR, DatabaseErrors.kind(
                new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR_WRITE)));
        assertEquals(DatabaseErrors.Kind.SQL, DatabaseErrors.kind(
                new SQLiteException("no such table: x", SQLiteErrorCode.SQLITE_ERROR)));
    }

    @Test
    void eachPostgresCauseHasItsOwnRemedy() {
        assertEquals(DatabaseErrors.Kind.CONNECTION_LOST, DatabaseErrors.kind(new SQLException("gone", "57P02")));
        assertEquals(DatabaseErrors.Kind.CONNECTION_LOST, DatabaseErrors.kind(new SQLException("I/O", "08006")));
        assertEquals(DatabaseErrors.Kind.AUTHENTICATION_FAILED, DatabaseErrors.kind(new SQLException("pw", "28P01")));
        assertEquals(DatabaseErrors.Kind.DATABASE_MISSING, DatabaseErrors.kind(new SQLException("db", "3D000")));
        assertEquals(DatabaseErrors.Kind.SQL, DatabaseErrors.kind(new SQLException("syntax", "42601")));
        assertEquals(DatabaseErrors.Kind.SQL, DatabaseErrors.kind(new IllegalStateException("not SQL")));
        assertEquals("Fix the migration and run the command again.",
                DatabaseErrors.diagnose(new SQLException("syntax", "42601"), PG, "app").sentences());
        assertTrue(DatabaseErrors.diagnose(new SQLException("denied", "42501"), PG, "app").sentences()
                .startsWith("User app lacks a privilege"));
    }

    @Test
    void waitingHelpsOnlyWhereTheAnswerCanChange() {
        assertTrue(DatabaseErrors.Kind.CONNECTION_LOST.worthWaiting());
        assertTrue(DatabaseErrors.Kind.DATABASE_MISSING.worthWaiting());
        assertEquals(false, DatabaseErrors.Kind.AUTHENTICATION_FAILED.worthWaiting());
        assertEquals(false, DatabaseErrors.Kind.PERMISSION_DENIED.worthWaiting());
    }

    @Test
    void explainAddsTheRemedyForTheVersionTableAndLeavesOrdinaryErrorsAlone() throws SQLException {
        Path file = work.resolve("app.db");
        try (Connection create = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            create.createStatement().execute("CREATE TABLE t (id INTEGER)");
        }
        ConnectionSettings readOnly = new ConnectionSettings("jdbc:sqlite:file:" + file + "?mode=ro", null, null);
        SQLException refused;
        try (Connection connection = DriverManager.getConnection(readOnly.jdbcUrl())) {
            refused = assertThrows(SQLException.class, () -> connection.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS migrate_version (version_num VARCHAR(64))"));
            SQLException ordinary = assertThrows(SQLException.class,
                    () -> connection.createStatement().execute("SELECT * FROM nowhere"));
            assertEquals("Database error on it: " + ordinary.getMessage(),
                    DatabaseErrors.explain("Database error on it", ordinary, readOnly));
        }
        assertEquals("Database error on SQLite file " + file + ": " + refused.getMessage() + "\n  SQLite cannot write "
                        + file + ": the URL opens it read-only (mode=ro). Make " + file + " and its folder writable by "
                        + "user " + System.getProperty("user.name") + " (or run migrate as a user who may write them), "
                        + "then run the command again.",
                DatabaseErrors.explain("Database error on SQLite file " + file, refused, readOnly));
    }

    @Test
    void osReasonForAFileInAFolderThatDoesNotExist() {
        Path file = work.resolve("missing").resolve("app.db");
        assertEquals("the folder " + file.getParent() + " does not exist",
                DatabaseErrors.osReason(file, "jdbc:sqlite:" + file));
    }

    @Test
    void osReasonForAUrlThatOpensReadOnly() {
        Path file = work.resolve("app.db");
        assertEquals("the URL opens it read-only (mode=ro)",
                DatabaseErrors.osReason(file, "jdbc:sqlite:file:" + file + "?mode=ro"));
    }
}
