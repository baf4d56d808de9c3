package dev.migrate.config;

import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateConfigTest {
    private static final String PG = "postgresql://app:from-url@db:5432/shop";

    @Test
    void passwordPrecedenceOptionThenFileThenUrlThenEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\nignored second line\n");
        Map<String, String> env = Map.of("PGPASSWORD", "from-env");
        assertEquals("from-option", MigrateConfig.builder().url(PG).password("from-option").passwordFile(file)
                .environment(env).build().connection().password());
        assertEquals("from-file", MigrateConfig.builder().url(PG).passwordFile(file).environment(env).build()
                .connection().password());
        assertEquals("from-url", MigrateConfig.builder().url(PG).environment(env).build().connection().password());
        assertEquals("from-env", MigrateConfig.builder().url("jdbc:postgresql://db/shop").environment(env).build()
                .connection().password());
        assertNull(MigrateConfig.builder().url("jdbc:sqlite:x.db").environment(env).build().connection().password());
    }

    @Test
    void userOptionOverridesTheUrl() {
        assertEquals("admin", MigrateConfig.builder().url(PG).user("admin").build().connection().user());
        assertEquals("app", MigrateConfig.builder().url(PG).build().connection().user());
        assertEquals("the url", MigrateConfig.builder().url(PG).build().explain().get("user")[1]);
    }

    @Test
    void describeMasksThePassword() {
        MigrateConfig config = MigrateConfig.builder().url(PG).schema("app").build();
        assertFalse(config.summary().contains("from-url"), config.summary());
        assertTrue(config.summary().contains("app.migrate_version"), config.summary());
    }

    @Test
    void badValuesAreUsageErrors(@TempDir Path dir) {
        assertThrows(UsageException.class, () -> MigrateConfig.builder().versionTable("bad name").build());
        assertThrows(UsageException.class, () -> MigrateConfig.builder().schema("app").build()); // SQLite
        assertThrows(UsageException.class, () -> MigrateConfig.builder().url(PG).passwordFile(dir.resolve("none")).build());
        assertThrows(UsageException.class, () -> TransactionMode.parse("sometimes"));
        assertEquals(TransactionMode.ALL, TransactionMode.parse("all"));
    }
}
