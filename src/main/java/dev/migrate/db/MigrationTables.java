package dev.migrate.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * migrate's own tables in a database: the version table (which revisions it is at, in Alembic's format), the
 * applied-migrations log (what ran under each, and who ran it), and the progress table (a {@code transaction: false}
 * migration while it runs).
 */
public record MigrationTables(VersionTable versionTable, MigrationLog log, ProgressTable progress) {

    public static MigrationTables of(Dialect dialect, String schema, String versionTable, String logTable) {
        String prefix = schema == null ? "" : schema + ".";
        return new MigrationTables(new VersionTable(dialect, prefix + versionTable),
                new MigrationLog(dialect, prefix + logTable), new ProgressTable(dialect, schema, versionTable));
    }

    /**
     * The first write of a command: the tables that do not exist yet (the schema is the caller's, who has already
     * asked whether the version table exists, and says so: that question is a round trip on a server).
     */
    public void create(Connection connection, boolean versionTableExists) throws SQLException {
        if (!versionTableExists) {
            versionTable.create(connection);
        }
        log.create(connection);
    }

    /** Their unqualified names. */
    public java.util.List<String> names() {
        return java.util.stream.Stream.of(versionTable.name(), log.name(), progress.name())
                .map(name -> name.substring(name.lastIndexOf('.') + 1)).toList();
    }

    /** Whether a table is one of these, by its unqualified name, ignoring case. */
    public boolean owns(String tableName) {
        for (String own : new String[] {versionTable.name(), log.name(), progress.name()}) {
            if (own.substring(own.lastIndexOf('.') + 1).equalsIgnoreCase(tableName)) {
                return true;
            }
        }
        return false;
    }
}
