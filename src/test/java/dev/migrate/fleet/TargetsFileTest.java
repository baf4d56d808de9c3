package dev.migrate.fleet;

import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The targets file and the selection of targets: pure parsing, no database (the query is never run here). */
class TargetsFileTest {
    @TempDir
    Path work;

    private static final MigrateConfig BASE = MigrateConfig.builder()
            .url("jdbc:postgresql://db.internal/app").environment(Map.of()).build();
    private static final Selection.SchemaQuery NO_QUERY = (entry, connection) -> {
        throw new AssertionError("no query expected");
    };

    private List<TargetEntry> read(String toml) throws Exception {
        return TargetsFile.read(Files.writeString(work.resolve("targets.toml"), toml),
                Map.of("EU_PASSWORD", "s3cret"));
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        UsageException error = assertThrows(UsageException.class, () -> read("""
                [targets.eu]
                url = "jdbc:postgresql://eu/app"
                grups = ["prod"]
                [targets.tenants]
                schema = "a"
                schemas = ["b"]
                version_table = 7
                """));
        String message = error.getMessage();
        assertTrue(message.contains("targets.toml:3: unknown key 'grups' in target 'eu' (did you mean 'groups'?)"),
                message);
        assertTrue(message.contains("target 'tenants' sets more than one of schema, schemas and schemas_query"),
                message);
        assertTrue(message.contains("targets.toml:7: key 'version_table' of target 'tenants' must be a string"),
                message);
    }

    @Test
    void selectionByNameGroupAndSchemaInFileOrder() throws Exception {
        List<TargetEntry> entries = read("""
                [targets.eu]
                url = "postgresql://app:${EU_PASSWORD}@eu/app"
                groups = ["prod"]
                [targets.us]
                url = "jdbc:postgresql://us/app"
                groups = ["prod"]
                version_table = "schema_history"
                [targets.tenants]
                schemas = ["acme", "globex"]
                """);
        List<FleetTarget> prod = new Selection(List.of(), List.of("prod"), false).resolve(BASE, entries, NO_QUERY);
        assertEquals(List.of("eu", "us"), prod.stream().map(FleetTarget::name).toList());
        assertEquals("s3cret", prod.get(0).config().connection().password());
        assertTrue(!prod.get(0).where().contains("s3cret"), prod.get(0).where());
        assertEquals("schema_history", prod.get(1).config().versionTable());

        List<FleetTarget> one = new Selection(List.of("tenants/globex", "eu"), List.of(), false)
                .resolve(BASE, entries, NO_QUERY);
        assertEquals(List.of("eu", "tenants/globex"), one.stream().map(FleetTarget::name).toList());
        assertEquals("globex", one.get(1).config().schema());
        assertEquals("jdbc:postgresql://db.internal/app", one.get(1).config().connection().jdbcUrl());

        UsageException typo = assertThrows(UsageException.class,
                () -> new Selection(List.of("tenant"), List.of(), false).resolve(BASE, entries, NO_QUERY));
        assertTrue(typo.getMessage().contains("No target named 'tenant' (did you mean 'tenants'?)"), typo.getMessage());
        UsageException none = assertThrows(UsageException.class,
                () -> new Selection(List.of(), List.of(), false).resolve(BASE, entries, NO_QUERY));
        assertTrue(none.getMessage().startsWith("Name the targets to run on: --target NAME, --group GROUP or --all"),
                none.getMessage());
        UsageException schema = assertThrows(UsageException.class,
                () -> new Selection(List.of("tenants/initech"), List.of(), false).resolve(BASE, entries, NO_QUERY));
        assertEquals("Target 'tenants' has no schema 'initech'.", schema.getMessage());
    }
}
