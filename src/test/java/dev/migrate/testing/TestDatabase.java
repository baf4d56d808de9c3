package dev.migrate.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A PostgreSQL database created for one test class; closing it drops it. */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer.Server server;
    private final String name;

    TestDatabase(PostgresServer.Server server, String name) {
        this.server = server;
        this.name = name;
    }

    public PostgresServer.Server server() {
        return server;
    }

    public String name() {
        return name;
    }

    /** A JDBC URL without credentials; pass {@link #credentials()} beside it. */
    public String jdbcUrl() {
        return server.url(name);
    }

    /** The CLI options that log in: {@code --user U [--password P]}. */
    public List<String> credentials() {
        List<String> options = new ArrayList<>(List.of("--user", server.user()));
        if (server.password() != null) {
            options.add("--password");
            options.add(server.password());
        }
        return options;
    }

    /** The form users paste from dashboards, credentials inside: postgresql://user:password@host:port/db. */
    public String uri(String password) {
        return "postgresql://" + server.user() + ":" + password + "@" + server.host() + ":" + server.port() + "/" + name;
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    public List<String> query(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tables whose names start with t_ in a schema, sorted. */
    public List<String> tables(String schema) {
        return query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name LIKE 't\\_%' ORDER BY table_name");
    }

    public List<String> versions(String schema) {
        return query("SELECT version_num FROM " + schema + ".migrate_version ORDER BY version_num");
    }

    @Override
    public void close() {
        PostgresServer.dropDatabase(server, name);
    }
}
