package dev.migrate.db;

import dev.migrate.api.DatabaseException;
import dev.migrate.graph.VersionChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every UPDATE and DELETE of a step must touch exactly one row: anything else means the table changed under us. */
class VersionTableGuardTest {

    @Test
    void aChangeWhoseRowIsNotThereFailsInsteadOfRecordingNothing(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("v.db"))) {
            VersionTable table = new VersionTable(new SqliteDialect(), "migrate_version");
            table.create(connection);
            table.replace(connection, List.of("z9"));

            DatabaseException update = assertThrows(DatabaseException.class,
                    () -> table.apply(connection, new VersionChange(List.of("a1"), List.of("b2"))));
            assertTrue(update.getMessage().contains("touched 0 rows instead of 1"), update.getMessage());
            DatabaseException delete = assertThrows(DatabaseException.class,
                    () -> table.apply(connection, new VersionChange(List.of("a1"), List.of())));
            assertTrue(delete.getMessage().contains("touched 0 rows instead of 1"), delete.getMessage());
            assertEquals(List.of("z9"), table.read(connection));

            table.apply(connection, new VersionChange(List.of("z9"), List.of("b2")));
            assertEquals(List.of("b2"), table.read(connection));
        }
    }
}
