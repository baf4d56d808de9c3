package dev.migrate.source;

import dev.migrate.api.MigrationFileChangedException;
import dev.migrate.api.MigrationFileInvalidException;
import dev.migrate.api.Problem;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Revision;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.sql.TransactionControl;
import dev.migrate.sql.UnterminatedSqlException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A SQL migration file. Its body is not held in memory: {@link #statements} opens the file again and streams the
 * section it is asked for, so loading a folder reads headers and marker lines only. What it streams is verified
 * against {@code sha256}, the hash of the bytes the parser read, so a file edited after loading is never run under
 * the old reading of its line numbers.
 *
 * @param upgradeFirstLine   the first line after {@code -- migrate:upgrade}
 * @param upgradeEndLine     the line of {@code -- migrate:downgrade}, or 0 when the upgrade runs to the end
 * @param downgradeFirstLine the first line after {@code -- migrate:downgrade}, or 0 without a downgrade section
 * @param placeholders       whether {@code ${key}} in statements is replaced by the {@code -x key=value} arguments
 * @param sha256             the SHA-256 (hex) of the file's bytes when it was parsed
 * @param upgradeChecksum    the SHA-256 (hex) of the upgrade section, blind to line endings and trailing whitespace
 * @param downgradeChecksum  the same for the downgrade section; null without one
 */
public record SqlMigration(Revision revision, TextSource text, int upgradeFirstLine, int upgradeEndLine,
                           int downgradeFirstLine, boolean placeholders, String sha256, String upgradeChecksum,
                           String downgradeChecksum) implements Migration {

    /**
     * The statements of one section, each with its line in the file. Close the splitter when done.
     *
     * @throws MigrationFileChangedException when the file no longer has the content it was parsed with: from here,
     *                                       before any statement, or from the splitter's last {@code hasNext()}
     *                                       when the file changed while the section streamed
     * @throws MigrationFileInvalidException from the splitter, when the section ends inside a quote or comment
     */
    public SqlSplitter statements(Direction direction, SqlFlavor flavor) {
        return splitter(direction, flavor, true, unterminated -> new MigrationFileInvalidException(
                unterminated(direction, unterminated)));
    }

    /**
     * Everything wrong with the file's SQL, found by splitting both sections once: text that ends inside a quote,
     * identifier, dollar quote or comment, and, for a migration that runs in a transaction, top-level transaction
     * control ({@code COMMIT}, {@code ROLLBACK}, {@code BEGIN}, ...) and savepoint misuse. Each problem names the file,
     * the line and the revision. Not done at load time, where only headers are read.
     *
     * @throws MigrationFileChangedException when the file no longer has the content it was parsed with
     */
    public List<Problem> problems(SqlFlavor flavor) {
        List<Problem> problems = new ArrayList<>();
        sectionProblems(Direction.UPGRADE, flavor, problems);
        if (downgradeFirstLine > 0) {
            sectionProblems(Direction.DOWNGRADE, flavor, problems);
        }
        return problems;
    }

    private void sectionProblems(Direction direction, SqlFlavor flavor, List<Problem> problems) {
        TransactionControl transactionControl = revision.transactional() ? new TransactionControl() : null;
        try (SqlSplitter statements = splitter(direction, flavor, false, unterminated -> unterminated)) {
            while (statements.hasNext()) {
                Statement statement = statements.next();
                String problem = transactionControl == null ? null : transactionControl.problem(statement);
                if (problem != null) {
                    problems.add(new Problem(text.name(), statement.line(), revision.id(), problem));
                }
            }
        } catch (UnterminatedSqlException unterminated) {
            problems.add(unterminated(direction, unterminated));
        }
    }

    private SqlSplitter splitter(Direction direction, SqlFlavor flavor, boolean verifyFirst,
                                 Function<UnterminatedSqlException, RuntimeException> onUnterminated) {
        int first = direction == Direction.UPGRADE ? upgradeFirstLine : downgradeFirstLine;
        int end = direction == Direction.UPGRADE ? upgradeEndLine : 0;
        if (first == 0) {
            throw new IllegalStateException(revision.id() + " has no " + direction.word() + " section");
        }
        try {
            SectionReader section = new SectionReader(text, first, end, sha256, verifyFirst,
                    () -> new MigrationFileChangedException(text.name(), revision.id(), true),
                    () -> new MigrationFileChangedException(text.name(), revision.id(), false));
            return new SqlSplitter(section, first, flavor, onUnterminated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + text.name(), e);
        }
    }

    /**
     * An unterminated construct as a problem at the line it opened. The upgrade section ends at the
     * {@code -- migrate:downgrade} line even inside a comment or quote: markers are found line by line, as an author
     * reads the file, so a construct still open there is unterminated, and the message says where the section ended.
     */
    private Problem unterminated(Direction direction, UnterminatedSqlException unterminated) {
        boolean endsAtMarker = direction == Direction.UPGRADE && upgradeEndLine > 0;
        String message = "unterminated " + unterminated.construct() + " in the " + direction.word() + " section: "
                + (endsAtMarker ? "the section ends at the '-- migrate:downgrade' line " + upgradeEndLine
                + " (a marker line counts even inside a comment or quote), "
                : "the file ends ")
                + "before it is closed, so every statement after it would be lost. Close it"
                + (endsAtMarker ? " before line " + upgradeEndLine : "") + ".";
        return new Problem(text.name(), unterminated.openedLine(), revision.id(), message);
    }
}
