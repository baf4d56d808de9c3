package dev.migrate.db;

import dev.migrate.sql.SqlFlavor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public SqlFlavor flavor() {
        return SqlFlavor.POSTGRESQL;
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        // to_regclass follows the search path, as the unqualified statements on the table do.
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
