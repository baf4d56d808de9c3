package dev.migrate.source;

import dev.migrate.graph.Direction;
import dev.migrate.graph.Revision;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A SQL migration file. Its body is not held in memory: {@link #statements} opens the file again and streams the
 * section it is asked for, so loading a folder reads headers and marker lines only.
 *
 * @param upgradeFirstLine   the first line after {@code -- migrate:upgrade}
 * @param upgradeEndLine     the line of {@code -- migrate:downgrade}, or 0 when the upgrade runs to the end
 * @param downgradeFirstLine the first line after {@code -- migrate:downgrade}, or 0 without a downgrade section
 * @param placeholders       whether {@code ${key}} in statements is replaced by the {@code -x key=value} arguments
 */
public record SqlMigration(Revision revision, TextSource text, int upgradeFirstLine, int upgradeEndLine,
                           int downgradeFirstLine, boolean placeholders) implements Migration {

    /** The statements of one section, each with its line in the file. Close the splitter when done. */
    public SqlSplitter statements(Direction direction, SqlFlavor flavor) {
        int first = direction == Direction.UPGRADE ? upgradeFirstLine : downgradeFirstLine;
        int end = direction == Direction.UPGRADE ? upgradeEndLine : 0;
        if (first == 0) {
            throw new IllegalStateException(revision.id() + " has no " + direction.word() + " section");
        }
        try {
            return new SqlSplitter(new SectionReader(text, first, end), first, flavor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + text.name(), e);
        }
    }
}
