package dev.migrate.source;

import dev.migrate.api.MigrationFileChangedException;
import dev.migrate.api.MigrationFileInvalidException;
import dev.migrate.api.Problem;
import dev.migrate.graph.Direction;
import dev.migrate.graph.RevisionNode;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.sql.TransactionControl;
import dev.migrate.sql.UnterminatedSqlException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A SQL migration file. A small file loaded for a run keeps the text it was parsed from ({@code parsedText}): the
 * checks before a run and the run itself split that very text, so what runs is exactly what was hashed and checked,
 * and the file is read once per command. Otherwise the body is not held in memory: {@link #statements} opens the
 * file again and streams the section it is asked for, verified against {@code sha256}, the hash of the bytes the
 * parser read, so a file edited after loading is never run under the old reading of its line numbers.
 *
 * @param placeholders whether {@code ${key}} in statements is replaced by the {@code -x key=value} arguments
 * @param sha256       the SHA-256 (hex) of the file's bytes when it was parsed
 * @param upgrade      the lines after {@code -- migrate:upgrade}
 * @param verify       the lines after {@code -- migrate:verify}: queries that must each return a true first value
 *                     after the upgrade, in its transaction; null without a verify section
 * @param downgrade    the lines after {@code -- migrate:downgrade}; null without a downgrade section
 * @param parsedText   the whole text the parser read, kept for a small file loaded for a run; null otherwise
 */
public record SqlMigration(RevisionNode revision, TextSource text, boolean placeholders, String sha256, Section upgrade,
                           Section verify, Section downgrade, String parsedText) implements Migration {

    /** The same migration without its kept text: its sections are read from the file again when needed. */
    public SqlMigration withoutText() {
        return parsedText == null ? this
                : new SqlMigration(revision, text, placeholders, sha256, upgrade, verify, downgrade, null);
    }

    /**
     * One section of the file.
     *
     * @param firstLine the first line after its marker
     * @param endLine   the line of the next marker, or 0 when it runs to the end of the file
     * @param checksum  the SHA-256 (hex) of its text, blind to line endings and trailing whitespace
     * @param nothing   whether it says {@code -- migrate:nothing}: it does nothing, on purpose
     */
    public record Section(int firstLine, int endLine, String checksum, boolean nothing) {
    }

    /** The upgrade section's checksum: what the applied-migrations log records for an upgrade. */
    public String upgradeChecksum() {
        return upgrade.checksum();
    }

    /** The downgrade section's checksum, or null without one. */
    public String downgradeChecksum() {
        return downgrade == null ? null : downgrade.checksum();
    }

    /** The verify queries, each with its line in the file. Close the splitter when done. */
    public SqlSplitter verifyQueries(SqlFlavor flavor) {
        if (verify == null) {
            throw new IllegalStateException(revision.id() + " has no verify section");
        }
        return splitter(verify, "verify", flavor, true, unterminated -> new MigrationFileInvalidException(
                unterminated(verify, "verify", unterminated)));
    }

    /**
     * The statements of one section, each with its line in the file. Close the splitter when done.
     *
     * @throws MigrationFileChangedException when the file no longer has the content it was parsed with: from here,
     *                                       before any statement, or from the splitter's last {@code hasNext()}
     *                                       when the file changed while the section streamed
     * @throws MigrationFileInvalidException from the splitter, when the section ends inside a quote or comment
     */
    public SqlSplitter statements(Direction direction, SqlFlavor flavor) {
        Section section = section(direction);
        return splitter(section, direction.word(), flavor, true, unterminated -> new MigrationFileInvalidException(
                unterminated(section, direction.word(), unterminated)));
    }

    private Section section(Direction direction) {
        Section section = direction == Direction.UPGRADE ? upgrade : downgrade;
        if (section == null) {
            throw new IllegalStateException(revision.id() + " has no " + direction.word() + " section");
        }
        return section;
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
        return problems(List.of(flavor)).get(flavor);
    }

    /**
     * {@link #problems(SqlFlavor)} under each of {@code flavors}, reading a small file once for all of them (a
     * {@code check} that does not know the database splits each file both ways).
     */
    public Map<SqlFlavor, List<Problem>> problems(List<SqlFlavor> flavors) {
        return problems(flavors, null);
    }

    /**
     * @param parsedText the text this migration was just parsed from (a small file read whole), so the file is not
     *                   read again; null to read it again, compared with its hash
     */
    Map<SqlFlavor, List<Problem>> problems(List<SqlFlavor> flavors, String parsedText) {
        // A small file is read (and its hash compared) once for all its sections; a large one streams per section.
        String kept = parsedText != null ? parsedText : this.parsedText;
        WholeText whole = kept != null ? new WholeText(kept, true) : WholeText.read(text, sha256);
        Map<SqlFlavor, List<Problem>> byFlavor = new EnumMap<>(SqlFlavor.class);
        if (flavors.size() > 1 && whole != null && SqlSplitter.splitsAlikeInEveryFlavor(whole.text())) {
            // Nothing in the file reads differently between the databases: one split answers for every flavour.
            List<Problem> alike = problems(flavors.get(0), whole);
            flavors.forEach(flavor -> byFlavor.put(flavor, alike));
            return byFlavor;
        }
        for (SqlFlavor flavor : flavors) {
            byFlavor.put(flavor, problems(flavor, whole));
        }
        return byFlavor;
    }

    private List<Problem> problems(SqlFlavor flavor, WholeText whole) {
        List<Problem> problems = new ArrayList<>();
        int upgrades = sectionProblems(upgrade, "upgrade", flavor, problems, revision.transactional(), whole);
        if (upgrades == 0 && !upgrade.nothing() && revision.downRevisions().size() < 2) {
            // A merge joins branches and usually does nothing; any other empty upgrade is a file not yet written.
            problems.add(new Problem(text.name(), upgrade.firstLine() - 1, revision.id(), "the upgrade section is "
                    + "empty: write its SQL, or add a line '-- migrate:nothing' to it if the revision is meant to do "
                    + "nothing (an empty migration that was applied and filled in later would never run)"));
        }
        if (verify != null) {
            sectionProblems(verify, "verify", flavor, problems, false, whole);
        }
        if (downgrade != null) {
            sectionProblems(downgrade, "downgrade", flavor, problems, revision.transactional(), whole);
        }
        return problems;
    }

    /**
     * Whether the downgrade section holds no statement and does not say {@code -- migrate:nothing}: a downgrade
     * nobody wrote yet, which {@code check --require-downgrade} refuses.
     */
    public boolean downgradeUnwritten(SqlFlavor flavor) {
        return downgrade != null && !downgrade.nothing()
                && sectionProblems(downgrade, "downgrade", flavor, new ArrayList<>(), false, null) == 0;
    }

    /** Adds the section's problems; returns how many statements it has. */
    private int sectionProblems(Section section, String name, SqlFlavor flavor, List<Problem> problems,
                                boolean transactional, WholeText whole) {
        TransactionControl transactionControl = transactional ? new TransactionControl() : null;
        int count = 0;
        try (SqlSplitter statements = whole == null ? splitter(section, name, flavor, false, unterminated -> unterminated)
                : whole.splitter(this, section, flavor)) {
            while (statements.hasNext()) {
                Statement statement = statements.next();
                count++;
                String problem = transactionControl == null ? null : transactionControl.problem(statement);
                if (problem != null) {
                    problems.add(new Problem(text.name(), statement.line(), revision.id(), problem));
                }
            }
        } catch (UnterminatedSqlException unterminated) {
            problems.add(unterminated(section, name, unterminated));
            count++;
        }
        return count;
    }

    /** A small file's text, read once, and whether it still has the hash it was parsed with; null for a large file. */
    private record WholeText(String text, boolean matches) {
        static WholeText read(TextSource file, String expectedHash) {
            try {
                java.security.MessageDigest digest = Sha256.newDigest();
                String text = Lines.readIfSmall(file, digest);
                return text == null ? null : new WholeText(text, Sha256.hex(digest).equals(expectedHash));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.name(), e);
            }
        }

        SqlSplitter splitter(SqlMigration migration, Section section, SqlFlavor flavor) {
            try {
                SectionReader reader = new SectionReader(text, matches, section.firstLine(), section.endLine(),
                        () -> new MigrationFileChangedException(migration.text.name(), migration.revision.id(), true),
                        () -> new MigrationFileChangedException(migration.text.name(), migration.revision.id(), false));
                return new SqlSplitter(reader, section.firstLine(), flavor, unterminated -> unterminated);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + migration.text.name(), e);
            }
        }
    }

    private SqlSplitter splitter(Section section, String name, SqlFlavor flavor, boolean verifyFirst,
                                 Function<UnterminatedSqlException, RuntimeException> onUnterminated) {
        int first = section.firstLine();
        try {
            SectionReader reader = parsedText != null
                    ? new SectionReader(parsedText, true, first, section.endLine(),
                    () -> new MigrationFileChangedException(text.name(), revision.id(), true),
                    () -> new MigrationFileChangedException(text.name(), revision.id(), false))
                    : new SectionReader(text, first, section.endLine(), sha256, verifyFirst,
                    () -> new MigrationFileChangedException(text.name(), revision.id(), true),
                    () -> new MigrationFileChangedException(text.name(), revision.id(), false));
            return new SqlSplitter(reader, first, flavor, onUnterminated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + text.name(), e);
        }
    }

    /**
     * An unterminated construct as a problem at the line it opened. The upgrade section ends at the
     * {@code -- migrate:downgrade} line even inside a comment or quote: markers are found line by line, as an author
     * reads the file, so a construct still open there is unterminated, and the message says where the section ended.
     */
    /** The marker that ends {@code section}: verify follows the upgrade when there is one, downgrade otherwise. */
    private String nextMarker(Section section) {
        return section == upgrade && verify != null ? "verify" : "downgrade";
    }

    private Problem unterminated(Section section, String name, UnterminatedSqlException unterminated) {
        int end = section.endLine();
        boolean endsAtMarker = end > 0;
        String message = "unterminated " + unterminated.construct() + " in the " + name + " section: "
                + (endsAtMarker ? "the section ends at the '-- migrate:" + nextMarker(section) + "' line " + end
                + " (a marker line counts even inside a comment or quote), "
                : "the file ends ")
                + "before it is closed, so every statement after it would be lost. Close it"
                + (endsAtMarker ? " before line " + end : "") + ".";
        return new Problem(text.name(), unterminated.openedLine(), revision.id(), message);
    }
}
