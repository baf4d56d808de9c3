package dev.migrate.config;

import dev.migrate.api.UsageException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JdbcUrlsTest {
    @Test
    void sqlAlchemyStyleSqliteUrls() {
        assertEquals("jdbc:sqlite:relative.db", JdbcUrls.parse("sqlite:///relative.db").jdbcUrl());
        assertEquals("jdbc:sqlite:/abs/olute.db", JdbcUrls.parse("sqlite:////abs/olute.db").jdbcUrl());
        assertEquals("jdbc:sqlite:x.db", JdbcUrls.parse("jdbc:sqlite:x.db").jdbcUrl());
    }

    @Test
    void postgresUrlsMoveCredentialsOutOfTheUrl() {
        ConnectionSettings settings = JdbcUrls.parse("postgresql://app:s3cr%40t@db.example:6543/shop?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6543/shop?sslmode=require", settings.jdbcUrl());
        assertEquals("app", settings.user());
        assertEquals("s3cr@t", settings.password());
        assertFalse(settings.toString().contains("s3cr"));
        ConnectionSettings query = JdbcUrls.parse("postgres://host/db?user=u&password=p&ssl=true");
        assertEquals("jdbc:postgresql://host/db?ssl=true", query.jdbcUrl());
        assertEquals("u", query.user());
        assertEquals("p", query.password());
    }

    @Test
    void masksPasswordsInEveryForm() {
        assertEquals("postgresql://app:***@host/db", JdbcUrls.mask("postgresql://app:hunter2@host/db"));
        assertEquals("jdbc:postgresql://host/db?user=a&password=***&ssl=true",
                JdbcUrls.mask("jdbc:postgresql://host/db?user=a&password=hunter2&ssl=true"));
    }

    @Test
    void unsupportedUrlsAreUsageErrorsWithoutThePassword() {
        UsageException error = assertThrows(UsageException.class, () -> JdbcUrls.parse("mysql://u:hunter2@h/db"));
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void urlPrecedenceOptionThenMigrateUrlThenDatabaseUrlThenDefault() {
        Map<String, String> both = Map.of("MIGRATE_URL", "jdbc:sqlite:m.db", "DATABASE_URL", "jdbc:sqlite:d.db");
        assertEquals("jdbc:sqlite:o.db", MigrateConfig.builder().url("jdbc:sqlite:o.db").environment(both).build()
                .connection().jdbcUrl());
        assertEquals("jdbc:sqlite:m.db", MigrateConfig.builder().environment(both).build().connection().jdbcUrl());
        assertEquals("jdbc:sqlite:d.db", MigrateConfig.builder().environment(Map.of("DATABASE_URL", "jdbc:sqlite:d.db"))
                .build().connection().jdbcUrl());
        assertEquals(MigrateConfig.DEFAULT_URL, MigrateConfig.builder().build().connection().jdbcUrl());
    }
}
