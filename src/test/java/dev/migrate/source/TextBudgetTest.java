package dev.migrate.source;

import dev.migrate.api.MigrationFileChangedException;
import dev.migrate.graph.Direction;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A file loaded for a run keeps the text it was parsed from while the budget lasts, and then runs that text even if
 * the file changes; past the budget, a file is read again when it runs and must still hold what was loaded.
 */
class TextBudgetTest {
    @TempDir
    Path dir;

    private Path write(String name, String table) throws IOException {
        return Files.writeString(dir.resolve(name), "-- revision: " + name + "\n-- down_revision: none\n"
                + "-- migrate:upgrade\nCREATE TABLE " + table + " (id INTEGER);\n");
    }

    private static String firstStatement(SqlMigration migration) {
        try (SqlSplitter statements = migration.statements(Direction.UPGRADE, SqlFlavor.SQLITE)) {
            return statements.next().sql();
        }
    }

    @Test
    void textIsKeptUntilTheBudgetIsSpentThenTheFileIsReadAgain() throws IOException {
        Path first = write("r1", "kept");
        Path second = write("r2", "reread");
        TextBudget budget = new TextBudget(Files.size(first) + 10); // room for the first file only
        SqlMigration kept = SqlMigrationParser.parse(TextSource.of(first), budget).migration();
        SqlMigration reread = SqlMigrationParser.parse(TextSource.of(second), budget).migration();

        write("r1", "edited");
        write("r2", "edited");
        assertEquals("CREATE TABLE kept (id INTEGER)", firstStatement(kept), "what was loaded and checked runs");
        assertThrows(MigrationFileChangedException.class, () -> firstStatement(reread),
                "a file read again must still hold what was loaded");
        assertThrows(MigrationFileChangedException.class, () -> firstStatement(kept.withoutText()),
                "without its kept text, a migration reads its file again");
    }
}
