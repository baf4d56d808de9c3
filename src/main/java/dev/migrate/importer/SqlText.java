package dev.migrate.importer;

import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The text of other tools' SQL files, and the few rewrites that keep its meaning in a native file. */
final class SqlText {
    private static final Pattern BEGIN = Pattern.compile("(?i)(BEGIN|BEGIN\\s+TRANSACTION|BEGIN\\s+WORK|START\\s+TRANSACTION)\\s*;");
    private static final Pattern COMMIT = Pattern.compile("(?i)(COMMIT|COMMIT\\s+TRANSACTION|COMMIT\\s+WORK|END|END\\s+TRANSACTION)\\s*;");

    private SqlText() {
    }

    /** A UTF-8 file without its byte-order mark, lines ending in {@code \n}. */
    static String read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not UTF-8 text; convert it (iconv -t UTF-8) and run the import again.");
        } catch (IOException e) {
            throw new UsageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The text's lines; a final newline does not make an empty last line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A section's text as it goes into a file: no blank lines around it, ending in one newline (or empty). */
    static String section(List<String> lines) {
        int start = 0;
        int end = lines.size();
        while (start < end && lines.get(start).isBlank()) {
            start++;
        }
        while (end > start && lines.get(end - 1).isBlank()) {
            end--;
        }
        return start == end ? "" : String.join("\n", lines.subList(start, end)) + "\n";
    }

    /** A script with a {@code BEGIN;} line first and a {@code COMMIT;} line last, and the script without them. */
    record Unwrapped(String text, boolean wasWrapped) {
    }

    /**
     * Sqitch's templates and many golang-migrate files wrap a script in {@code BEGIN;} ... {@code COMMIT;}, because
     * their runner does not open a transaction. migrate opens one per migration and refuses top-level transaction
     * control inside it, so the wrapper goes: the statements still commit together, with the version-table change.
     */
    static Unwrapped unwrapTransaction(String text) {
        List<String> lines = lines(text);
        int first = statementLine(lines, 0, 1);
        int last = statementLine(lines, lines.size() - 1, -1);
        if (first < 0 || last <= first || !BEGIN.matcher(lines.get(first).trim()).matches()
                || !COMMIT.matcher(lines.get(last).trim()).matches()) {
            return new Unwrapped(text, false);
        }
        List<String> kept = new ArrayList<>(lines);
        kept.remove(last);
        kept.remove(first);
        return new Unwrapped(section(kept), true);
    }

    private static int statementLine(List<String> lines, int from, int step) {
        for (int i = from; i >= 0 && i < lines.size(); i += step) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("--")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A line that reads {@code -- migrate:NAME} would start a section of the native file; another tool's text keeps
     * such a comment as {@code -- (migrate:NAME)}.
     */
    static String withoutMarkers(String text) {
        if (!text.contains("migrate:")) {
            return text;
        }
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") && trimmed.substring(2).trim().toLowerCase(Locale.ROOT).startsWith("migrate:")) {
                out.add("-- (" + trimmed.substring(2).trim() + ")");
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out) + (text.endsWith("\n") ? "\n" : "");
    }

    /** {@code create_users_table} as a message: {@code create users table}. */
    static String message(String name) {
        return name.replace('_', ' ').replace('-', ' ').trim().replaceAll("\\s+", " ");
    }
}
