package dev.migrate.importer;

import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The per-script settings files some tools keep beside a migration. */
final class ScriptConfig {
    private ScriptConfig() {
    }

    /** Flyway's {@code V1__x.sql.conf}: the value of {@code executeInTransaction}, or null when not set. */
    static String flywayExecuteInTransaction(Path script) {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return null;
        }
        for (String line : SqlText.lines(SqlText.read(conf))) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).trim().equals("executeInTransaction")) {
                return line.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Diesel's {@code metadata.toml}: whether {@code run_in_transaction} is set to false. */
    static boolean dieselOutsideTransaction(Path folder) {
        Path metadata = folder.resolve("metadata.toml");
        if (!Files.isRegularFile(metadata)) {
            return false;
        }
        try {
            TomlParseResult toml = Toml.parse(metadata);
            if (toml.hasErrors()) {
                throw new dev.migrate.api.UsageException(metadata + ":" + toml.errors().get(0).position().line() + ": "
                        + toml.errors().get(0).getMessage() + "; fix the file and run the import again.");
            }
            return Boolean.FALSE.equals(toml.getBoolean("run_in_transaction"));
        } catch (IOException e) {
            throw new dev.migrate.api.UsageException("Cannot read " + metadata + ": " + e.getMessage(), e);
        }
    }
}
