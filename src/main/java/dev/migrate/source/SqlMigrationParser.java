package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.graph.RevisionNode;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.text.Similarity;
import dev.migrate.text.IoReasons;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a SQL migration's header and finds its section markers, streaming line by line.
 *
 * <p>The header is the leading block of {@code -- key: value} comment lines before {@code -- migrate:upgrade}.
 * Every {@code -- word: value} line there is a key, and an unknown key is an error naming the nearest known one:
 * a typo such as {@code down_revison} must never turn a revision into a silent new root.
 */
public final class SqlMigrationParser {
    public static final List<String> KEYS = List.of("revision", "down_revision", "message", "branch_labels",
            "depends_on", "transaction", "placeholders", "created");
    private static final String UPGRADE = "upgrade";
    private static final String DOWNGRADE = "downgrade";
    private static final String VERIFY = "verify";
    /** Inside an upgrade or downgrade section: it is empty on purpose. */
    private static final String NOTHING = "nothing";
    private static final List<String> SECTIONS = List.of(UPGRADE, VERIFY, DOWNGRADE, NOTHING);

    /** A parsed file: the migration, or the problems that kept it from being one. */
    public record Result(SqlMigration migration, List<Problem> problems) implements MigrationSource.Parsed {
    }

    /** A file read for the graph only: its revision, or the problems that kept it from being one. */
    public record HeaderResult(DeclaredRevision migration, List<Problem> problems) implements MigrationSource.Parsed {
    }

    private final TextSource file;
    private final boolean whole;
    /** Whether a small file read whole is hashed too; a large one always is (it is read again, against its hash). */
    private final boolean hashSmallFiles;
    private final String name;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Integer> keyLines = new HashMap<>();
    private boolean placeholders;
    /** The first line of SQL before the upgrade marker, and how many there were. */
    private int firstSqlLine;
    private int sqlLines;
    /** The text parsed, when the file was small enough to be read in one call; null otherwise. */
    private String wholeText;

    private SqlMigrationParser(TextSource file, boolean whole) {
        this(file, whole, true);
    }

    private SqlMigrationParser(TextSource file, boolean whole, boolean hashSmallFiles) {
        this.file = file;
        this.whole = whole;
        this.hashSmallFiles = hashSmallFiles;
        this.name = file.name();
    }

    public static Result parse(TextSource file) {
        return parse(file, null);
    }

    /**
     * {@link #parse(TextSource)}, keeping a small file's text in the migration while {@code budget} allows (null:
     * never), for a command that will check and run it.
     */
    public static Result parse(TextSource file, TextBudget budget) {
        SqlMigrationParser parser = new SqlMigrationParser(file, true);
        SqlMigration migration = parser.parse();
        if (migration != null && (budget == null || !budget.keep(migration.parsedText()))) {
            migration = migration.withoutText();
        }
        return new Result(migration, parser.problems);
    }

    /**
     * Reads a file for the revision graph alone: the same lines, markers and problems as {@link #parse}, without the
     * SHA-256 of the file and of each section, which only running, logging and comparing with the log need.
     */
    public static HeaderResult header(TextSource file) {
        SqlMigrationParser parser = new SqlMigrationParser(file, false);
        SqlMigration migration = parser.parse();
        return new HeaderResult(migration == null ? null : new DeclaredRevision(migration.revision()),
                parser.problems);
    }

    /**
     * What {@code check} reads: {@link #parse} and, for a migration, the problems of its SQL under each of
     * {@code flavors} ({@link SqlMigration#problems(List)}), split from the text just parsed when the file is small,
     * so it is read once. Without {@code checksums} (a check that compares nothing with a database's log), a small
     * file's migration has no hashes: its text was split from the one reading.
     */
    public static CheckedResult parseChecked(TextSource file, List<SqlFlavor> flavors, boolean checksums) {
        SqlMigrationParser parser = new SqlMigrationParser(file, true, checksums);
        SqlMigration migration = parser.parse();
        Map<SqlFlavor, List<Problem>> statementProblems = migration == null ? Map.of()
                : migration.problems(flavors, parser.wholeText);
        return new CheckedResult(new Result(migration == null ? null : migration.withoutText(), parser.problems),
                statementProblems);
    }

    /** A parsed file and, per flavour, the problems of its SQL; none when it did not parse (or is not SQL). */
    public record CheckedResult(MigrationSource.Parsed parsed, Map<SqlFlavor, List<Problem>> statementProblems) {
    }

    /** {@link #header(TextSource)} of a file, named in messages by its path as given. */
    public static HeaderResult header(Path file) {
        return header(TextSource.of(file));
    }

    /** A file, named in messages by its path as given. */
    public static Result parse(Path file) {
        return parse(TextSource.of(file));
    }

    /** The migration, or null with {@link #problems} saying why; without hashes unless reading it whole. */
    private SqlMigration parse() {
        int upgradeMarker = 0;
        int verifyMarker = 0;
        int downgradeMarker = 0;
        // A large file is hashed on other threads while it is parsed; a small one here, as any digest does.
        long size;
        try {
            size = file.size(); // once: whether the file is hashed and whether it is read whole must agree
        } catch (IOException e) {
            problem(0, "cannot be read: " + IoReasons.reason(e));
            return null;
        }
        boolean hashed = whole && (hashSmallFiles || !Lines.isSmall(size));
        MessageDigest fileDigest = hashed ? new OffThreadDigest() : null;
        SectionChecksum upgrade = hashed ? new SectionChecksum() : SectionChecksum.NONE;
        SectionChecksum verify = null;
        SectionChecksum downgrade = null;
        SectionChecksum current = null;
        boolean upgradeNothing = false;
        boolean downgradeNothing = false;
        try (Lines lines = Lines.of(file, size, fileDigest)) {
            wholeText = lines.wholeText();
            String line;
            int number = 0;
            while ((line = lines.next()) != null) {
                number++;
                String trimmed = line.trim();
                String section = marker(trimmed);
                if (section == null) {
                    if (upgradeMarker == 0) {
                        headerLine(number, trimmed);
                    } else {
                        current.add(line); // SQL body: only its checksum and the marker lines matter here
                    }
                } else if (section.equals(UPGRADE) && upgradeMarker == 0) {
                    upgradeMarker = number;
                    current = upgrade;
                } else if (section.equals(VERIFY) && upgradeMarker > 0 && verifyMarker == 0 && downgradeMarker == 0) {
                    verifyMarker = number;
                    current = verify = hashed ? new SectionChecksum() : SectionChecksum.NONE;
                } else if (section.equals(DOWNGRADE) && upgradeMarker > 0 && downgradeMarker == 0) {
                    downgradeMarker = number;
                    current = downgrade = hashed ? new SectionChecksum() : SectionChecksum.NONE;
                } else if (section.equals(NOTHING) && (current == upgrade || current == downgrade) && current != null) {
                    upgradeNothing |= current == upgrade;
                    downgradeNothing |= current == downgrade;
                } else if (SECTIONS.contains(section)) {
                    problem(number, "unexpected '-- migrate:" + section + "': a file has one upgrade section, then "
                            + "optionally one verify section, then optionally one downgrade section; '-- migrate:"
                            + NOTHING + "' marks an upgrade or downgrade section that intentionally does nothing");
                } else {
                    problem(number, "unknown section marker '-- migrate:" + section + "'"
                            + nearest(section, SECTIONS, "-- migrate:"));
                }
            }
        } catch (CharacterCodingException e) {
            problem(0, "is not valid UTF-8 text");
            return null;
        } catch (IOException e) {
            problem(0, "cannot be read: " + IoReasons.reason(e));
            return null;
        }
        if (upgradeMarker == 0 && !keyLines.containsKey("revision")) {
            // Neither a revision nor a marker: a script or a seed kept beside the migrations (its comments may look
            // like header keys), not a broken migration.
            problems.clear();
            problem(0, "is not a migration: it has no '-- revision:' header and no '-- migrate:upgrade' line. Move "
                    + "it out of the migrations folder, or make it one: '-- revision: <id>', '-- down_revision: <the "
                    + "revision it follows, or none>', then '-- migrate:upgrade' before its SQL");
            return null;
        }
        if (firstSqlLine > 0) {
            Problem sqlFirst = new Problem(name, firstSqlLine, null, "SQL before '-- migrate:upgrade'"
                    + (sqlLines > 1 ? " (" + sqlLines + " lines)" : "") + "; the header may hold only '-- key: value' "
                    + "comments, so put the SQL after the '-- migrate:upgrade' line");
            int at = 0; // among the header's problems, in line order
            while (at < problems.size() && problems.get(at).line() > 0 && problems.get(at).line() < firstSqlLine) {
                at++;
            }
            problems.add(at, sqlFirst);
        }
        RevisionNode revision = revision(upgradeMarker, downgradeMarker);
        if (upgradeMarker == 0) {
            problem(0, "has no '-- migrate:upgrade' line; a migration is a header, then '-- migrate:upgrade' "
                    + "and its SQL, then optionally '-- migrate:downgrade' and its SQL");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        int upgradeEnd = verifyMarker > 0 ? verifyMarker : downgradeMarker;
        SqlMigration.Section upgradeSection = new SqlMigration.Section(upgradeMarker + 1, upgradeEnd, upgrade.hex(),
                upgradeNothing);
        SqlMigration.Section verifySection = verifyMarker == 0 ? null
                : new SqlMigration.Section(verifyMarker + 1, downgradeMarker, verify.hex(), false);
        SqlMigration.Section downgradeSection = downgradeMarker == 0 ? null
                : new SqlMigration.Section(downgradeMarker + 1, 0, downgrade.hex(), downgradeNothing);
        return new SqlMigration(revision, file.forLater(), placeholders, hashed ? Sha256.hex(fileDigest) : null,
                upgradeSection, verifySection, downgradeSection, whole ? wholeText : null);
    }

    private void headerLine(int number, String trimmed) {
        if (trimmed.isEmpty()) {
            return;
        }
        if (!trimmed.startsWith("--")) {
            if (firstSqlLine == 0) {
                firstSqlLine = number;
            }
            sqlLines++; // reported once, after the file is read: a script without a marker has a line per statement
            return;
        }
        String comment = trimmed.substring(2).trim();
        int colon = comment.indexOf(':');
        if (colon <= 0 || !isKey(comment.substring(0, colon).trim())) {
            return; // a free comment in the header
        }
        String key = comment.substring(0, colon).trim();
        String value = comment.substring(colon + 1).trim();
        if (!KEYS.contains(key)) {
            problem(number, "unknown header key '" + key + "'" + nearest(key, KEYS, "")
                    + "; known keys: " + String.join(", ", KEYS));
            return;
        }
        if (keyLines.containsKey(key)) {
            problem(number, "header key '" + key + "' given twice (first on line " + keyLines.get(key) + ")");
            return;
        }
        keyLines.put(key, number);
        values.put(key, value);
    }

    /**
     * The section name of a {@code -- migrate:NAME} line, or null for any other line. Hand-written rather than a
     * regex: it runs on every comment line of every file at start-up, before the JIT has compiled anything.
     */
    private static String marker(String trimmed) {
        if (!trimmed.startsWith("--")) {
            return null;
        }
        String comment = trimmed.substring(2).trim();
        if (!comment.startsWith("migrate:")) {
            return null;
        }
        String section = comment.substring("migrate:".length()).trim();
        for (int i = 0; i < section.length(); i++) {
            char c = section.charAt(i);
            if (!Character.isLetter(c) && c != '_' && c != '-') {
                return null;
            }
        }
        return section;
    }

    /** A header key is one word: a letter or '_', then letters, digits, '_' or '-'. */
    private static boolean isKey(String word) {
        if (word.isEmpty() || !(Character.isLetter(word.charAt(0)) || word.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private RevisionNode revision(int upgradeMarker, int downgradeMarker) {
        String id = values.get("revision");
        String reportedId = null;
        if (id == null) {
            problem(0, "has no '-- revision: <id>' header line");
        } else if (!RevisionNode.isDeclarableId(id)) {
            problem(keyLines.get("revision"), "revision id '" + id + "' " + RevisionNode.idProblem(id));
        } else {
            reportedId = id;
        }
        List<String> down = List.of();
        if (!values.containsKey("down_revision")) {
            problem(0, "has no '-- down_revision:' header line; write '-- down_revision: none' for a first "
                    + "revision, or the id of the revision this one follows");
        } else {
            down = idList("down_revision", reportedId);
        }
        List<String> dependsOn = idList("depends_on", reportedId);
        List<String> labels = list("branch_labels");
        boolean transactional = flag("transaction", true);
        placeholders = flag("placeholders", false);
        Instant created = created();
        if (!problems.isEmpty()) {
            // Attach the revision id to problems found before it was known.
            String known = reportedId;
            List<Problem> located = problems.stream()
                    .map(p -> new Problem(p.file(), p.line(), known, p.message())).toList();
            problems.clear();
            problems.addAll(located);
            return null;
        }
        return new RevisionNode(id, down, dependsOn, labels, values.getOrDefault("message", ""), transactional,
                downgradeMarker > 0, name, keyLines.getOrDefault("revision", 0),
                keyLines.getOrDefault("down_revision", 0), keyLines.getOrDefault("depends_on", 0), created);
    }

    /** The {@code created} header: an ISO-8601 timestamp with its offset, as {@code revision} writes it (UTC). */
    private Instant created() {
        String value = values.get("created");
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problem(keyLines.get("created"), "created must be an ISO-8601 timestamp with an offset, such as "
                    + "2025-11-17T06:01:08Z, not '" + value + "'");
            return null;
        }
    }

    private boolean flag(String key, boolean absent) {
        String value = values.get(key);
        if (value == null) {
            return absent;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            problem(keyLines.get(key), key + " must be 'true' or 'false', not '" + value + "'");
            return absent;
        }
        return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
    }

    private List<String> idList(String key, String revision) {
        List<String> ids = list(key);
        for (String id : ids) {
            if (!RevisionNode.isValidId(id)) {
                problem(keyLines.get(key), key + " '" + id + "' is not a revision id (letters, digits, '_'; "
                        + "several are separated by ', ')");
            }
        }
        if (key.equals("down_revision") && values.get(key).isEmpty()) {
            problem(keyLines.get(key), "down_revision is empty; write 'none' for a first revision");
        }
        return ids;
    }

    private List<String> list(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("none")) {
            return List.of();
        }
        // A loop rather than a stream: it runs for several headers of every file at start-up, interpreted.
        List<String> items = new ArrayList<>(1);
        int from = 0;
        while (from <= value.length()) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? value.length() : comma;
            String item = value.substring(from, end).trim();
            if (!item.isEmpty()) {
                items.add(item);
            }
            from = end + 1;
        }
        return items;
    }

    private static String nearest(String word, List<String> known, String prefix) {
        List<String> close = Similarity.closest(word, known, 1);
        return close.isEmpty() ? "" : " (did you mean '" + prefix + close.get(0) + "'?)";
    }

    private void problem(int line, String message) {
        problems.add(new Problem(name, line, values.get("revision"), message));
    }
}
