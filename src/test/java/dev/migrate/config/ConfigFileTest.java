package dev.migrate.config;

import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import dev.migrate.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path toml(String text) throws IOException {
        Path file = dir.resolve("migrate.toml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void fileValuesWithEnvironmentReferences() throws IOException {
        Path file = toml("""
                # shared by every command of this project
                url = "${APP_DB}"
                dir = "db/migrations"
                version_table = "schema_history"
                transaction_mode = "all"
                lock_timeout = 30
                classpath = ["lib/a.jar", "lib/b.jar"]
                """);
        Map<String, String> env = Map.of("APP_DB", "jdbc:sqlite:from-env-reference.db");
        MigrateConfig config = MigrateConfig.builder().environment(env).file(ConfigFile.read(file, env)).build();
        assertEquals("jdbc:sqlite:from-env-reference.db", config.connection().jdbcUrl());
        assertEquals(Path.of("db/migrations"), config.dir());
        assertEquals("schema_history", config.versionTable());
        assertEquals(TransactionMode.ALL, config.transactionMode());
        assertEquals(Duration.ofSeconds(30), config.lockTimeout());
        assertEquals(List.of(Path.of("lib/a.jar"), Path.of("lib/b.jar")), config.classpath());
        assertEquals(file + ":2", config.sources().get(Setting.URL));
        assertEquals(file + ":6", config.sources().get(Setting.LOCK_TIMEOUT));
    }

    @Test
    void precedenceOptionThenEnvironmentThenFileThenDefault() throws IOException {
        Path file = toml("url = \"jdbc:sqlite:file.db\"\ndir = \"file-dir\"\nversion_table = \"file_table\"\n");
        Map<String, String> env = Map.of("MIGRATE_DIR", "env-dir", "DATABASE_URL", "jdbc:sqlite:env.db");
        MigrateConfig config = MigrateConfig.builder().environment(env).file(ConfigFile.read(file, env))
                .url("jdbc:sqlite:option.db").build();
        assertEquals("jdbc:sqlite:option.db", config.connection().jdbcUrl());
        assertEquals("option --url", config.sources().get(Setting.URL));
        assertEquals(Path.of("env-dir"), config.dir());
        assertEquals("environment MIGRATE_DIR", config.sources().get(Setting.DIR));
        assertEquals("file_table", config.versionTable());
        assertEquals("default", config.sources().get(Setting.SCHEMA));
        assertNull(config.schema());
    }

    @Test
    void unknownKeyNamesFileLineAndNearestKey() throws IOException {
        Path file = toml("url = \"jdbc:sqlite:x.db\"\n\nversion_tabel = \"t\"\n");
        UsageException error = assertThrows(UsageException.class, () -> ConfigFile.read(file, Map.of()));
        assertTrue(error.getMessage().contains(file + ":3: unknown key 'version_tabel' (did you mean 'version_table'?)"),
                error.getMessage());
    }

    @Test
    void invalidTomlNamesTheLine() throws IOException {
        Path file = toml("url = \"jdbc:sqlite:x.db\"\ndir = \n");
        UsageException error = assertThrows(UsageException.class, () -> ConfigFile.read(file, Map.of()));
        assertTrue(error.getMessage().contains(file + ":2:"), error.getMessage());
    }

    @Test
    void wrongTypesAndUndefinedVariablesAreErrors() throws IOException {
        // Any key but url (whose unset variable waits for a command that needs the database: UnsetUrlCliTest).
        Path file = toml("lock_timeout = \"soon\"\ndir = \"${NOT_SET_ANYWHERE}\"\nwait = true\n");
        UsageException error = assertThrows(UsageException.class, () -> MigrateConfig.builder()
                .file(ConfigFile.read(file, Map.of())).build());
        assertTrue(error.getMessage().contains(":2: key 'dir' references ${NOT_SET_ANYWHERE}"), error.getMessage());
        assertTrue(error.getMessage().contains(":3: key 'wait' must be a number of seconds"), error.getMessage());
    }

    @Test
    void configCommandShowsValuesAndSourcesWithoutPasswords() throws IOException {
        Path file = toml("url = \"postgresql://app:hunter2@db.example:5432/shop\"\nschema = \"billing\"\n");
        Cli.Result result = new Cli(Map.of("MIGRATE_VERSION_TABLE", "billing_versions"))
                .run("config", "--config", file.toString(), "--dir", "sql");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("jdbc:postgresql://db.example:5432/shop  (" + file + ":1)"), result.out());
        assertTrue(result.out().contains("password          ***"), result.out());
        assertTrue(result.out().contains("billing_versions  (environment MIGRATE_VERSION_TABLE)"), result.out());
        assertTrue(result.out().contains("sql  (option --dir)"), result.out());
        assertFalse(result.out().contains("hunter2") || result.err().contains("hunter2"), result.toString());

        Cli.Result broken = new Cli().run("config", "--config", toml("colour = \"blue\"\n").toString());
        assertEquals(2, broken.exitCode(), broken.toString());
        assertTrue(broken.err().contains("migrate.toml:1: unknown key 'colour'"), broken.err());
    }
}
