package dev.migrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small, quote-aware operations on SQL text that the readers and the DDL writer share. */
final class SqlText {
    private SqlText() {
    }

    /**
     * Whitespace outside quotes collapsed to one space, trimmed, a trailing semicolon dropped: two databases that
     * were given the same statement laid out differently compare equal.
     */
    static String normalize(String sql) {
        if (sql == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        char quote = 0;
        boolean space = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0 && c != ')' && c != ',' && out.charAt(out.length() - 1) != '(') {
                out.append(' ');
            }
            space = false;
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            }
            out.append(c);
        }
        String text = out.toString().trim();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        return text;
    }

    /** The {@code CHECK (...)} expressions in a CREATE TABLE statement, normalized, in the order they appear. */
    static List<String> checks(String createTable) {
        List<String> checks = new ArrayList<>();
        if (createTable == null) {
            return checks;
        }
        String upper = createTable.toUpperCase(Locale.ROOT);
        char quote = 0;
        for (int i = 0; i < createTable.length(); i++) {
            char c = createTable.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (upper.startsWith("CHECK", i) && (i == 0 || !isWordChar(createTable.charAt(i - 1)))
                    && (i + 5 >= createTable.length() || !isWordChar(createTable.charAt(i + 5)))) {
                int open = createTable.indexOf('(', i + 5);
                int close = closing(createTable, open);
                if (open >= 0 && close > open && createTable.substring(i + 5, open).isBlank()) {
                    checks.add(normalize(createTable.substring(open + 1, close)));
                    i = close;
                }
            }
        }
        return checks;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    static int closing(String sql, int open) {
        if (open < 0) {
            return -1;
        }
        int depth = 0;
        char quote = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The bare words and quoted identifiers ({@code "x"}, {@code `x`}, {@code [x]}, unquoted) of a statement, leaving
     * out string literals and comments: the names it may refer to.
     */
    static List<String> identifiers(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (c == '"' || c == '`' || c == '[') {
                int end = skipQuoted(sql, i, c == '[' ? ']' : c);
                words.add(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace(String.valueOf(c) + c, String.valueOf(c)));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < sql.length() && (isWordChar(sql.charAt(end)) || sql.charAt(end) == '$')) {
                    end++;
                }
                words.add(sql.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return words;
    }

    /** The index after the quote that closes the one at {@code open}; a doubled closing quote is part of the text. */
    private static int skipQuoted(String sql, int open, char close) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == close && close != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                i += 2;
            } else if (sql.charAt(i) == close) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A name as a double-quoted identifier. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal. */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
