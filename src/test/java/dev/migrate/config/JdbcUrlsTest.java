package dev.migrate.config;

import dev.migrate.api.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void userInfoEndsAtTheLastAtSignSoUnencodedSlashesAndAtSignsStayInThePassword() {
        ConnectionSettings settings = JdbcUrls.parse("postgresql://u:p/w@d@db.example:5433/shop");
        assertEquals("jdbc:postgresql://db.example:5433/shop", settings.jdbcUrl());
        assertEquals("u", settings.user());
        assertEquals("p/w@d", settings.password());
        ConnectionSettings inJdbc = JdbcUrls.parse("jdbc:postgresql://u:a b?c#d@host/db?sslmode=require");
        assertEquals("jdbc:postgresql://host/db?sslmode=require", inJdbc.jdbcUrl());
        assertEquals("a b?c#d", inJdbc.password());
        // An '@' inside a query value is not the end of a password.
        ConnectionSettings query = JdbcUrls.parse("jdbc:postgresql://host/db?application_name=me@laptop&password=x@y/z");
        assertEquals("jdbc:postgresql://host/db?application_name=me@laptop", query.jdbcUrl());
        assertEquals("x@y/z", query.password());
    }

    @Test
    void credentialsInEveryJdbcFormAreMovedOutOfTheUrl() {
        ConnectionSettings semicolon = JdbcUrls.parse("jdbc:postgresql://host:5432/db;user=app;password=s3cret");
        assertEquals("jdbc:postgresql://host:5432/db", semicolon.jdbcUrl());
        assertEquals("app", semicolon.user());
        assertEquals("s3cret", semicolon.password());
        ConnectionSettings ampersand = JdbcUrls.parse("jdbc:postgresql://host/db?ssl=true&password=p%26%3D%3B%25+x");
        assertEquals("jdbc:postgresql://host/db?ssl=true", ampersand.jdbcUrl());
        assertEquals("p&=;%+x", ampersand.password(), "'+' stays a plus, as libpq reads it");
        assertEquals("jdbc:postgresql://localhost/shop", JdbcUrls.parse("jdbc:postgresql:shop").jdbcUrl());
    }

    @Test
    void pythonDriverNamesAreReadAsThePlainFormWithANote() {
        for (String scheme : new String[] {"postgresql+psycopg2", "postgresql+asyncpg", "postgres+psycopg"}) {
            JdbcUrls.Parsed parsed = JdbcUrls.read(scheme + "://app:pw@host/db");
            assertEquals("jdbc:postgresql://host/db", parsed.settings().jdbcUrl());
            assertEquals("pw", parsed.settings().password());
            assertEquals(1, parsed.notes().size(), scheme);
            assertTrue(parsed.notes().get(0).contains(scheme.substring(scheme.indexOf('+') + 1)), parsed.notes().get(0));
        }
        assertEquals("jdbc:sqlite:app.db", JdbcUrls.read("sqlite+aiosqlite:///app.db").settings().jdbcUrl());
        assertEquals("jdbc:sqlite:/abs/app.db", JdbcUrls.read("sqlite+pysqlite:////abs/app.db").settings().jdbcUrl());
        assertEquals(List.of(), JdbcUrls.read("postgresql://host/db").notes());
    }

    @Test
    void urlsWithoutADatabaseAreRefusedWithAnExample() {
        for (String url : new String[] {"postgres://", "postgresql://host", "postgresql://u:pw@host/",
                "jdbc:postgresql://host/", "jdbc:postgresql:", "jdbc:postgresql://host/?sslmode=require",
                "sqlite:///", "sqlite://", "jdbc:sqlite:", "jdbc:sqlite::memory:", "sqlite:///:memory:",
                "jdbc:sqlite:file::memory:?cache=shared", "jdbc:sqlite:file:x.db?mode=memory"}) {
            UsageException error = assertThrows(UsageException.class, () -> JdbcUrls.parse(url), url);
            assertTrue(error.getMessage().contains("names no database") || error.getMessage().contains("host part"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("sqlite:///app.db") || error.getMessage().contains("/DATABASE"),
                    error.getMessage());
        }
    }

    @Test
    void malformedEscapesAndPortsAreUsageErrorsWithoutThePassword() {
        for (String url : new String[] {"postgresql://host/%zz", "jdbc:postgresql:%%%", "postgresql://u:hun%zzter2@h/db",
                "jdbc:postgresql://h/db?password=hunter2%", "postgresql://u:hunter2@h:port/db",
                "postgresql://u:hun ter2@h:/db x"}) {
            UsageException error = assertThrows(UsageException.class, () -> JdbcUrls.parse(url), url);
            assertFalse(error.getMessage().contains("hunter2") || error.getMessage().contains("hun ter2")
                    || error.getMessage().contains("hun%zz"), error.getMessage());
        }
    }

    @Test
    void maskingCoversUnencodedAtSignsAndEveryPasswordKey() {
        assertEquals("postgresql://u:***@host/db", JdbcUrls.mask("postgresql://u:p/w@d@host/db"));
        assertEquals("jdbc:postgresql://h/db;password=***;sslpassword=***",
                JdbcUrls.mask("jdbc:postgresql://h/db;password=x;sslpassword=y"));
    }
}
