package dev.migrate.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.Driver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server the tests run against: the one {@code MIGRATE_TEST_POSTGRES_URL} names, else one started with
 * Testcontainers where a Docker engine exists, else none (tests are skipped with a message, or fail when
 * {@code MIGRATE_TEST_REQUIRE_POSTGRES=1}). Each test class creates its own database and drops it afterwards.
 */
public final class PostgresServer {
    /** Where the server is and how to log in as a user who may create databases. */
    public record Server(String host, int port, String user, String password, String adminDatabase) {
        public String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            if (password != null) {
                properties.setProperty("password", password);
            }
            return DriverManager.getConnection(url(database), properties);
        }
    }

    private PostgresServer() {
    }

    /** Resolved once per test JVM; a started container lives as long as the JVM. */
    private static final class Holder {
        static final Server SERVER = find();
    }

    private static Server find() {
        String url = System.getenv("MIGRATE_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            Properties parsed = Driver.parseURL(url, new Properties());
            if (parsed == null) {
                throw new IllegalStateException("MIGRATE_TEST_POSTGRES_URL is not a jdbc:postgresql:// URL: " + url);
            }
            return new Server(parsed.getProperty("PGHOST", "localhost"),
                    Integer.parseInt(parsed.getProperty("PGPORT", "5432")), parsed.getProperty("user", "postgres"),
                    parsed.getProperty("password"), parsed.getProperty("PGDBNAME", "postgres"));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword(), container.getDatabaseName());
        }
        return null;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Whether a server is there; {@link #require()} in each test reports why not. */
    public static boolean available() {
        return Holder.SERVER != null;
    }

    /** The server, or the test is skipped (failed under MIGRATE_TEST_REQUIRE_POSTGRES=1) with the reason. */
    public static Server require() {
        Server server = Holder.SERVER;
        if (server == null) {
            String reason = "No PostgreSQL server for the tests: set MIGRATE_TEST_POSTGRES_URL "
                    + "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) or run where Docker is available.";
            if ("1".equals(System.getenv("MIGRATE_TEST_REQUIRE_POSTGRES"))) {
                Assertions.fail(reason + " MIGRATE_TEST_REQUIRE_POSTGRES=1 makes this a failure.");
            }
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return server;
    }

    /** A database of its own, dropped by {@link TestDatabase#close()}. */
    public static TestDatabase createDatabase() {
        Server server = require();
        String name = "migrate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = server.connect(server.adminDatabase()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(server, name);
    }

    /** Creates a database with a name chosen by the test (for tests that wait for it to appear). */
    public static void createDatabaseNamed(Server server, String name) throws SQLException {
        try (Connection admin = server.connect(server.adminDatabase()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    public static void dropDatabase(Server server, String name) {
        try (Connection admin = server.connect(server.adminDatabase()); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }
}
