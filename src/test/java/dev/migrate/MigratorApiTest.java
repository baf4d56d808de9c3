package dev.migrate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrate.api.CheckReport;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.RevisionInfo;
import dev.migrate.api.RunResult;
import dev.migrate.api.StepInfo;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java API as an application uses it at start-up: its own data source, migrations inside its jar
 * ({@code classpath:db/migrations}: SQL resources and a precompiled, service-registered Java migration).
 */
class MigratorApiTest {

    private static List<String> query(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void runTheApplicationLifecycle(HikariDataSource dataSource) throws Exception {
        List<String> events = new ArrayList<>();
        Migrator migrator = Migrator.builder()
                .dataSource(dataSource)
                .location("classpath:db/migrations")
                .arguments(Map.of("salt", "pepper"))
                .listener(new MigrationListener() {
                    @Override
                    public void migrationFinished(StepInfo step, Duration elapsed) {
                        events.add(step.direction() + " " + step.revision());
                    }
                })
                .build();

        CheckReport check = migrator.check();
        assertTrue(check.passed(), check.problems().toString());
        assertEquals(List.of("003"), check.heads());

        RunResult upgrade = migrator.upgrade("head");
        assertEquals(List.of("001", "002", "003"), upgrade.steps().stream().map(StepInfo::revision).toList());
        assertEquals(List.of("003"), upgrade.headsAfter());
        assertEquals(List.of("upgrade 001", "upgrade 002", "upgrade 003"), events);
        assertEquals(List.of(Integer.toHexString("pepperada@example.com".hashCode()),
                Integer.toHexString("pepperalan@example.com".hashCode())),
                query(dataSource, "SELECT email_hash FROM account ORDER BY id"));

        assertEquals("003", migrator.current().rows().get(0).revision());
        assertTrue(migrator.current().rows().get(0).head());
        List<RevisionInfo> history = migrator.history(null);
        assertEquals(List.of("003", "002", "001"), history.stream().map(RevisionInfo::id).toList());
        assertTrue(history.get(1).location().contains("V002HashEmails"), history.get(1).location());
        assertTrue(migrator.upgrade("head").steps().isEmpty());

        RunResult downgrade = migrator.downgrade("001");
        assertEquals(List.of("003", "002"), downgrade.steps().stream().map(StepInfo::revision).toList());
        assertEquals(java.util.Arrays.asList(null, null), query(dataSource, "SELECT email_hash FROM account ORDER BY id"));
        migrator.stamp("head", false);
        assertEquals(List.of("003"), query(dataSource, "SELECT version_num FROM migrate_version"));
        // The application's pool stays open: the migrator borrowed connections and returned them.
        assertFalse(dataSource.isClosed());
        assertFalse(query(dataSource, "SELECT 1").isEmpty());
    }

    @Test
    void applicationWithItsOwnSqlitePool(@TempDir Path dir) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        try (HikariDataSource pool = new HikariDataSource(config)) {
            runTheApplicationLifecycle(pool);
        }
    }

    @Test
    void migrationsInsideAJar(@TempDir Path dir) throws Exception {
        // An application jar: SQL resources in one folder, a compiled Java migration registered as a service.
        Path source = dir.resolve("src/shop/migrations/V2AddFlag.java");
        java.nio.file.Files.createDirectories(source.getParent());
        java.nio.file.Files.writeString(source, """
                package shop.migrations;
                import dev.migrate.api.*;
                @Revision(id = "2", downRevision = "1", message = "flag from java")
                public class V2AddFlag implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (var statement = context.connection().createStatement()) {
                            statement.execute("INSERT INTO flag VALUES ('from java')");
                        }
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        java.nio.file.Files.createDirectories(classes);
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), source.toString()));
        Path jar = dir.resolve("shop.jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            // Folder entries, as Maven's jar plugin writes them: a classpath location is looked up as a folder.
            out.putNextEntry(new java.util.jar.JarEntry("shop/"));
            out.putNextEntry(new java.util.jar.JarEntry("shop/migrations/"));
            out.putNextEntry(new java.util.jar.JarEntry("shop/migrations/1_flag.sql"));
            out.write("-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\nCREATE TABLE flag (name TEXT);\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.jar.JarEntry("shop/migrations/V2AddFlag.class"));
            java.nio.file.Files.copy(classes.resolve("shop/migrations/V2AddFlag.class"), out);
            out.putNextEntry(new java.util.jar.JarEntry("shop/other/9_not_ours.sql"));
            out.write("not a migration".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/dev.migrate.api.JavaMigration"));
            out.write("shop.migrations.V2AddFlag\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("shop.db"));
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                MigratorApiTest.class.getClassLoader())) {
            Migrator migrator = Migrator.builder().dataSource(dataSource).classLoader(loader)
                    .location("classpath:shop/migrations").build();
            assertEquals(List.of("1", "2"), migrator.upgrade("head").steps().stream().map(StepInfo::revision).toList());
        }
        assertEquals(List.of("from java"), query(dataSource, "SELECT name FROM flag"));
    }

    @Test
    void applicationWithItsOwnPostgresPool() throws Exception {
        PostgresServer.require();
        try (TestDatabase database = PostgresServer.createDatabase()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(database.server().user());
            config.setPassword(database.server().password());
            try (HikariDataSource pool = new HikariDataSource(config)) {
                runTheApplicationLifecycle(pool);
            }
        }
    }
}
