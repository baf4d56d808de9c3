package dev.migrate;

import dev.migrate.api.AppliedRevision;
import dev.migrate.api.LogEntry;
import dev.migrate.api.MigrateException;
import dev.migrate.api.Status;
import dev.migrate.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integrity layer as an application sees it through the Java API. */
class IntegrityApiTest {

    @Test
    void statusLogAndAcceptThroughTheApi(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        files.table("a1", "none");
        files.table("b2", "a1");
        Migrator migrator = Migrator.builder().url("jdbc:sqlite:" + dir.resolve("app.db")).dir(files.dir()).build();
        migrator.upgrade("a1");

        Status status = migrator.status();
        assertEquals(List.of("a1"), status.rows());
        assertEquals(List.of("b2"), status.pending());
        assertEquals(AppliedRevision.OK, status.applied().get(0).state());

        Path a1 = files.dir().resolve("a1_revision.sql");
        Files.writeString(a1, Files.readString(a1).replace("PRIMARY KEY", "PRIMARY KEY, note TEXT"));
        assertEquals(AppliedRevision.CHANGED, migrator.status().applied().get(0).state());
        MigrateException refused = assertThrows(MigrateException.class, () -> migrator.upgrade("head"));
        assertTrue(refused.getMessage().contains("revision a1: was applied on"), refused.getMessage());
        assertEquals(1, migrator.verifyAppliedFiles().size());

        assertEquals(List.of("a1"), migrator.accept(List.of(), true).accepted());
        migrator.upgrade("head");
        List<LogEntry> log = migrator.log();
        assertEquals(List.of("upgrade b2", "accept a1", "upgrade a1"),
                log.stream().map(entry -> entry.direction() + " " + entry.revision()).toList());
        Migrator ignoring = Migrator.builder().url("jdbc:sqlite:" + dir.resolve("app.db")).dir(files.dir())
                .ignoreChanged(true).build();
        Files.writeString(a1, Files.readString(a1) + "\n-- a later comment\nSELECT 1;\n");
        assertTrue(ignoring.downgrade("a1").steps().size() == 1, "runs although a1's file changed again");
    }
}
