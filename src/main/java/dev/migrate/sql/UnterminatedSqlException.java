package dev.migrate.sql;

/**
 * The text ended inside a quote, quoted identifier, dollar quote or block comment. Splitting on would silently drop
 * everything after the opener (psql rejects the same text), so the splitter stops with where the construct opened.
 */
public final class UnterminatedSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String construct;
    private final int openedLine;

    public UnterminatedSqlException(String construct, int openedLine) {
        super("unterminated " + construct + " opened on line " + openedLine);
        this.construct = construct;
        this.openedLine = openedLine;
    }

    /** What is left open, for messages: {@code /* comment}, {@code 'string'}, {@code $body$ dollar quote}. */
    public String construct() {
        return construct;
    }

    /** The line the construct opened on, in the numbering the splitter was given. */
    public int openedLine() {
        return openedLine;
    }
}
