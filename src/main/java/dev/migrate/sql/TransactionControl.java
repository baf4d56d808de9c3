package dev.migrate.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds top-level transaction control in the statements of one section of a migration that runs inside migrate's
 * transaction. Such a statement breaks the promise that a migration and its version-table change commit together:
 * a {@code ROLLBACK} discards the statements before it while the revision is still recorded as applied, a
 * {@code COMMIT} makes them permanent before a later failure could roll them back, and a {@code BEGIN} fails
 * (SQLite) or is ignored with a warning (PostgreSQL).
 *
 * <p>Savepoints are legitimate inside a transaction: {@code SAVEPOINT x} followed by {@code ROLLBACK TO x} or
 * {@code RELEASE x} in the same section is fine; a {@code ROLLBACK TO} or {@code RELEASE} of a savepoint the section
 * has not set is misuse. Statements are judged by their leading words only: a {@code BEGIN ... END} inside a
 * dollar quote, a trigger body or a {@code BEGIN ATOMIC} body belongs to a statement that starts with another word.
 * Create one per section, and feed it the section's statements in order.
 */
public final class TransactionControl {
    private static final String FIX = " Remove the statement, or add '-- transaction: false' to the header so that each "
            + "statement runs on its own.";
    private static final int WORDS = 6;
    /** The first words of the statements {@link #problem} judges; any other is not transaction control. */
    private static final Set<String> CONTROL_WORDS = Set.of("BEGIN", "START", "COMMIT", "END", "PREPARE", "ABORT",
            "ROLLBACK", "SAVEPOINT", "RELEASE");

    /** Savepoints set so far in this section, oldest first, by normalised name. */
    private final List<String> savepoints = new ArrayList<>();

    /** What is wrong with {@code statement} in a transactional migration, or null when nothing is. */
    public String problem(Statement statement) {
        // Nearly every statement is no transaction control: its first word says so, without reading more.
        List<String> firstWord = Words.leading(statement.sql(), 1);
        if (firstWord.isEmpty() || !CONTROL_WORDS.contains(firstWord.get(0))) {
            return null;
        }
        List<String> words = Words.leading(statement.sql(), WORDS);
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        switch (first) {
            case "BEGIN":
                return control(statement, "migrate has already begun this migration's transaction; a nested BEGIN "
                        + "fails on SQLite and is ignored with a warning on PostgreSQL");
            case "START":
                return second.equals("TRANSACTION") ? control(statement, "migrate has already begun this migration's "
                        + "transaction; START TRANSACTION inside it is ignored with a warning") : null;
            case "COMMIT":
            case "END":
                return control(statement, "it would make the statements before it permanent before the revision is "
                        + "recorded, so a later failure could no longer roll them back");
            case "PREPARE":
                return second.equals("TRANSACTION") ? control(statement, "it would end migrate's transaction before "
                        + "the revision is recorded") : null;
            case "ABORT":
                return control(statement, "it would silently discard the statements before it while the revision is "
                        + "still recorded as applied");
            case "ROLLBACK":
                return rollback(statement, words);
            case "SAVEPOINT":
                if (words.size() > 1) {
                    savepoints.add(Words.name(words.get(1)));
                }
                return null;
            case "RELEASE":
                return release(statement, words);
            default:
                return null;
        }
    }

    private String rollback(Statement statement, List<String> words) {
        int at = 1;
        if (at < words.size() && (words.get(at).equals("WORK") || words.get(at).equals("TRANSACTION"))) {
            at++;
        }
        if (at < words.size() && words.get(at).equals("TO")) {
            at++;
            if (at < words.size() && words.get(at).equals("SAVEPOINT")) {
                at++;
            }
            String name = at < words.size() ? Words.name(words.get(at)) : "";
            int index = savepoints.lastIndexOf(name);
            if (index < 0) {
                return unknownSavepoint(statement, name);
            }
            // Rolling back to a savepoint destroys the ones set after it and keeps it.
            savepoints.subList(index + 1, savepoints.size()).clear();
            return null;
        }
        return control(statement, "it would silently discard the statements before it while the revision is still "
                + "recorded as applied");
    }

    private String release(Statement statement, List<String> words) {
        int at = 1;
        if (at < words.size() && words.get(at).equals("SAVEPOINT")) {
            at++;
        }
        String name = at < words.size() ? Words.name(words.get(at)) : "";
        int index = savepoints.lastIndexOf(name);
        if (index < 0) {
            return unknownSavepoint(statement, name);
        }
        // Releasing a savepoint also releases the ones set after it.
        savepoints.subList(index, savepoints.size()).clear();
        return null;
    }

    private static String unknownSavepoint(Statement statement, String name) {
        return "'" + excerpt(statement) + "' names savepoint " + name + ", which this section has not "
                + "set with 'SAVEPOINT " + name + "' before it; it would fail, or act on a savepoint "
                + "outside this migration. Set the savepoint earlier in the same section, or remove the statement.";
    }

    private static String control(Statement statement, String why) {
        return "'" + excerpt(statement) + "' is transaction control in a migration that runs inside migrate's "
                + "transaction (together with its version-table change): " + why + "." + FIX;
    }

    /** The statement on one line, shortened, for messages. */
    private static String excerpt(Statement statement) {
        String flat = statement.sql().replaceAll("\\s+", " ").trim();
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }

    /**
     * The leading words of a statement, skipping comments: unquoted words upper-cased (SQL keywords and names fold),
     * quoted identifiers kept exactly with their quotes, a string literal as {@code '}.
     */
    static final class Words {
        private Words() {
        }

        static List<String> leading(String sql, int limit) {
            List<String> words = new ArrayList<>(limit);
            int i = 0;
            int n = sql.length();
            while (i < n && words.size() < limit) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    int end = sql.indexOf('\n', i);
                    i = end < 0 ? n : end + 1;
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (c == '"' || c == '`' || c == '[') {
                    char close = c == '[' ? ']' : c;
                    int end = sql.indexOf(close, i + 1);
                    end = end < 0 ? n : end + 1;
                    words.add("\"" + sql.substring(i + 1, Math.max(i + 1, end - 1)) + "\"");
                    i = end;
                } else if (c == '\'') {
                    int end = sql.indexOf('\'', i + 1);
                    words.add("'");
                    i = end < 0 ? n : end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                            || sql.charAt(i) == '$')) {
                        i++;
                    }
                    words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
                } else {
                    words.add(String.valueOf(c));
                    i++;
                }
            }
            return words;
        }

        /**
         * A savepoint name for comparison: quotes dropped, case folded. SQLite compares savepoint names without regard
         * to case; on PostgreSQL this treats {@code "A"} and {@code a} alike, which can only miss a misuse, never
         * refuse a correct file.
         */
        static String name(String word) {
            String bare = word.startsWith("\"") && word.length() >= 2 ? word.substring(1, word.length() - 1) : word;
            return bare.toLowerCase(Locale.ROOT);
        }
    }
}
