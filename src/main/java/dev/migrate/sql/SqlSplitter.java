package dev.migrate.sql;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Splits SQL text into statements as the database's own lexer would see them, streaming: it holds one statement
 * at a time, never the whole input, so a 100 MB migration costs the memory of its largest statement.
 *
 * <p>A semicolon ends a statement only outside quotes ('...' with doubled quotes, E'...' with backslash escapes,
 * "identifiers", dollar quotes {@code $tag$...$tag$}), comments ({@code --}, {@code /* *}{@code /}) and
 * {@code BEGIN ... END} bodies of SQLite triggers and {@code BEGIN ATOMIC ... END} function bodies.
 *
 * <p>Text that ends inside one of those constructs is an error ({@link UnterminatedSqlException}, with the line where
 * it opened), never a silent end of input: the statements after an unclosed {@code /*} must not vanish.
 *
 * <p>It runs over every character of a migration twice per run (the checks, then the run), so the common cases are
 * kept cheap: ASCII characters are classified from tables, the text inside quotes and comments is copied a run of
 * characters at a time, and words are compared in place rather than made into strings.
 */
public final class SqlSplitter implements Iterator<Statement>, Closeable {
    private static final int EOF = -1;
    private static final int MAX_BUFFER = 8192;
    /** For ASCII: whether {@link Character#isWhitespace} holds, and whether the character continues a word. */
    private static final boolean[] WHITESPACE = new boolean[128];
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WHITESPACE[c] = Character.isWhitespace(c);
            WORD[c] = Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }

    private final Reader reader;
    private final SqlFlavor flavor;
    private final Function<UnterminatedSqlException, ? extends RuntimeException> onUnterminated;
    /**
     * Starts small and doubles while the reader fills it: most sections are a few hundred characters, and a
     * fixed 8 Ki buffer per section made {@code check} on 10,000 files allocate some 300 MB (a garbage collection
     * every few hundred files with the launcher's small young generation; measured).
     */
    private char[] buffer = new char[256];
    private int bufferLength;
    private int bufferPosition;
    private final StringBuilder pushback = new StringBuilder();
    private int line;
    private Statement next;
    private boolean exhausted;

    // Per-statement lexical state. The word being read is always the end of the text: its last wordLength characters.
    private final StringBuilder text = new StringBuilder();
    private int wordLength;
    /** How many of the statement's first four words have been read, whether the first was CREATE, and TRIGGER seen. */
    private int leadingWords;
    private boolean createFirst;
    private boolean triggerSeen;
    private boolean previousWordBegin;
    private int startLine;
    private int significantEnd;
    private int depth;
    private boolean triggerBody;

    /**
     * @param reader    the SQL text; closed by {@link #close()}
     * @param firstLine the line number of the reader's first line in its file
     */
    public SqlSplitter(Reader reader, int firstLine, SqlFlavor flavor) {
        this(reader, firstLine, flavor, unterminated -> unterminated);
    }

    /**
     * @param onUnterminated turns the end of text inside an open construct into the exception to throw, so callers
     *                       that know the file and revision can name them
     */
    public SqlSplitter(Reader reader, int firstLine, SqlFlavor flavor,
                       Function<UnterminatedSqlException, ? extends RuntimeException> onUnterminated) {
        this.reader = reader;
        this.line = firstLine;
        this.flavor = flavor;
        this.onUnterminated = onUnterminated;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            next = readStatement();
            exhausted = next == null;
        }
        return next != null;
    }

    @Override
    public Statement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Statement statement = next;
        next = null;
        return statement;
    }

    /** Reads every remaining statement; for tests and small inputs. */
    public List<Statement> toList() {
        List<Statement> all = new ArrayList<>();
        while (hasNext()) {
            all.add(next());
        }
        return all;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code text} splits into the same statements (and the same unterminated constructs) under every flavour:
     * it holds nothing that only one flavour reads, so a text checked for both databases can be split once. The
     * flavours differ only where {@link #readStatement}, {@link #quoted} and {@link #blockComment} ask: a {@code $}
     * (dollar quotes), a backslash (escapes in {@code E''} strings), a backtick or a {@code [} (identifiers), and a
     * second {@code /*} (which PostgreSQL nests inside a comment). Keep this in step with those places.
     */
    public static boolean splitsAlikeInEveryFlavor(String text) {
        if (text.indexOf('$') >= 0 || text.indexOf('\\') >= 0 || text.indexOf('`') >= 0 || text.indexOf('[') >= 0) {
            return false;
        }
        int comment = text.indexOf("/*");
        return comment < 0 || text.indexOf("/*", comment + 1) < 0;
    }

    private Statement readStatement() {
        resetStatement();
        int c;
        while ((c = read()) != EOF) {
            if (c == '-' && peek() == '-') {
                lineComment();
            } else if (c == '/' && peek() == '*') {
                blockComment();
            } else if (c == ';' && endWordThenDepth() == 0) {
                Statement statement = finish();
                if (statement != null) {
                    return statement;
                }
                resetStatement();
            } else if (c == '\'') {
                boolean escapes = flavor == SqlFlavor.POSTGRESQL && wordLength == 1
                        && (text.charAt(text.length() - 1) == 'E' || text.charAt(text.length() - 1) == 'e');
                endWord();
                append(c);
                quoted('\'', escapes);
            } else if (c == '"') {
                endWord();
                append(c);
                quoted('"', false);
            } else if (flavor == SqlFlavor.SQLITE && (c == '`' || c == '[')) {
                endWord();
                append(c);
                quoted(c == '[' ? ']' : '`', false);
            } else if (c == '$' && flavor == SqlFlavor.POSTGRESQL && wordLength == 0 && dollarQuote()) {
                continue;
            } else if (c < 128 ? WORD[c] : Character.isLetterOrDigit(c)) {
                append(c);
                wordLength++;
            } else {
                endWord();
                append(c);
            }
        }
        endWord();
        return finish();
    }

    /** A word ending at ';' (the END of a body) must be counted before the ';' is judged. */
    private int endWordThenDepth() {
        endWord();
        return depth;
    }

    private void resetStatement() {
        text.setLength(0);
        wordLength = 0;
        leadingWords = 0;
        createFirst = false;
        triggerSeen = false;
        previousWordBegin = false;
        depth = 0;
        triggerBody = false;
        startLine = -1;
        significantEnd = 0;
    }

    /**
     * The statement up to its last significant character: trailing whitespace and trailing comments belong to no
     * statement, and cutting them means a statement can always be followed by ';' on the same line.
     */
    private Statement finish() {
        if (startLine < 0 || significantEnd == 0) {
            return null;
        }
        text.setLength(significantEnd);
        return new Statement(text.toString(), startLine);
    }

    /** Appends a character of the statement; whitespace before the first significant character is dropped. */
    private void append(int c) {
        boolean whitespace = c < 128 ? WHITESPACE[c] : Character.isWhitespace(c);
        if (startLine < 0) {
            if (whitespace) {
                return;
            }
            startLine = line;
        }
        text.append((char) c);
        if (!whitespace) {
            significantEnd = text.length();
        }
    }

    /**
     * Appends, straight from the buffer, the characters before the next {@code stop} or {@code otherStop} (or all
     * that is buffered), counting lines: the inside of a quote or comment, whose closing characters are then read and
     * judged one by one as before. Does nothing while a peeked character waits in the pushback.
     */
    private void appendRun(char stop, char otherStop, boolean comment) {
        if (pushback.length() > 0) {
            return;
        }
        int start = bufferPosition;
        int position = start;
        while (position < bufferLength) {
            char c = buffer[position];
            if (c == stop || c == otherStop) {
                break;
            }
            if (c == '\n') {
                line++;
            }
            position++;
        }
        if (!comment || startLine >= 0) {
            text.append(buffer, start, position - start);
        }
        bufferPosition = position;
    }

    private void appendComment(int c) {
        if (startLine >= 0) {
            text.append((char) c);
        }
    }

    private void lineComment() {
        endWord();
        appendComment('-');
        int c;
        while (true) {
            appendRun('\n', '\n', true);
            if ((c = read()) == EOF) {
                break;
            }
            if (c == '\n') {
                append(c);
                return;
            }
            appendComment(c);
        }
    }

    private void blockComment() {
        int opened = line;
        endWord();
        appendComment('/');
        appendComment(read()); // the '*'
        int nesting = 1;
        int c;
        while (true) {
            appendRun('*', '/', true);
            if ((c = read()) == EOF) {
                break;
            }
            appendComment(c);
            if (c == '*' && peek() == '/') {
                appendComment(read());
                if (--nesting == 0) {
                    return;
                }
            } else if (c == '/' && peek() == '*' && flavor == SqlFlavor.POSTGRESQL) {
                appendComment(read());
                nesting++;
            }
        }
        throw unterminated("/* comment", opened);
    }

    private RuntimeException unterminated(String construct, int openedLine) {
        return onUnterminated.apply(new UnterminatedSqlException(construct, openedLine));
    }

    /** Consumes a quoted string or identifier up to its closing quote; a doubled quote is an escaped quote. */
    private void quoted(char close, boolean backslashEscapes) {
        int opened = line;
        int c;
        while (true) {
            appendRun(close, backslashEscapes ? '\\' : close, false);
            if ((c = read()) == EOF) {
                break;
            }
            append(c);
            if (backslashEscapes && c == '\\') {
                int escaped = read();
                if (escaped != EOF) {
                    append(escaped);
                }
            } else if (c == close) {
                if (peek() == close && close != ']') {
                    append(read());
                } else {
                    return;
                }
            }
        }
        throw unterminated(close == '\'' ? "'string'" : close == ']' ? "[identifier]"
                : close + "identifier" + close, opened);
    }

    /**
     * At a '$' outside a word: if a dollar-quote opener {@code $tag$} follows, consumes the whole quoted body and
     * returns true; otherwise ($1 parameters, a lone $) unreads what it looked at and returns false.
     */
    private boolean dollarQuote() {
        StringBuilder tag = new StringBuilder("$");
        int c;
        while ((c = read()) != EOF && c != '$' && (Character.isLetter(c) || c == '_'
                || (tag.length() > 1 && Character.isDigit(c)))) {
            tag.append((char) c);
        }
        if (c != '$') {
            if (c != EOF) {
                unread(c);
            }
            for (int i = tag.length() - 1; i >= 1; i--) {
                unread(tag.charAt(i));
            }
            return false;
        }
        tag.append('$');
        int opened = line;
        String delimiter = tag.toString();
        for (int i = 0; i < delimiter.length(); i++) {
            append(delimiter.charAt(i));
        }
        // Match the closing delimiter with a rolling comparison over what has been appended.
        int matched = 0;
        while (true) {
            if (matched == 0) {
                appendRun('$', '$', false);
            }
            if ((c = read()) == EOF) {
                break;
            }
            append(c);
            if (c == delimiter.charAt(matched)) {
                matched++;
                if (matched == delimiter.length()) {
                    return true;
                }
            } else {
                matched = c == '$' ? 1 : 0;
            }
        }
        throw unterminated(delimiter + " dollar quote", opened);
    }

    private void endWord() {
        if (wordLength == 0) {
            return;
        }
        if (leadingWords < 4) {
            leadingWords++;
            if (leadingWords == 1) {
                createFirst = wordIs("CREATE");
            }
            triggerSeen |= wordIs("TRIGGER");
            triggerBody = createFirst && triggerSeen;
        }
        boolean begin = wordIs("BEGIN");
        if (begin) {
            if (triggerBody) {
                depth++;
            }
        } else if (wordIs("ATOMIC")) {
            if (previousWordBegin && !triggerBody) {
                depth++;
            }
        } else if (depth > 0) {
            if (wordIs("CASE")) {
                depth++;
            } else if (wordIs("END")) {
                depth--;
            }
        }
        previousWordBegin = begin;
        wordLength = 0;
    }

    /**
     * Whether the word just read is {@code keyword} (upper case, ASCII) without regard to case, as the word's
     * {@code toUpperCase(Locale.ROOT)} would be: character by character, since no keyword holds what a character
     * that upper-cases to several (such as 'ß' to "SS") could make.
     */
    private boolean wordIs(String keyword) {
        if (wordLength != keyword.length()) {
            return false;
        }
        int start = text.length() - wordLength;
        for (int i = 0; i < wordLength; i++) {
            char c = text.charAt(start + i);
            if (c != keyword.charAt(i) && Character.toUpperCase(c) != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int peek() {
        int c = read();
        if (c != EOF) {
            unread(c);
        }
        return c;
    }

    private void unread(int c) {
        pushback.append((char) c);
        if (c == '\n') {
            line--;
        }
    }

    private int read() {
        int c;
        int pending = pushback.length();
        if (pending > 0) {
            c = pushback.charAt(pending - 1);
            pushback.setLength(pending - 1);
        } else {
            if (bufferPosition == bufferLength) {
                if (bufferLength == buffer.length && buffer.length < MAX_BUFFER) {
                    buffer = new char[buffer.length * 2];
                }
                try {
                    bufferLength = reader.read(buffer, 0, buffer.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                bufferPosition = 0;
                if (bufferLength <= 0) {
                    bufferLength = 0;
                    return EOF;
                }
            }
            c = buffer[bufferPosition++];
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
