package dev.migrate.offline;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;

import java.io.IOException;

/**
 * The output a script is written to, as it is rendered. An output that refuses a write (a full disk, a closed pipe)
 * ends the command: it becomes {@link OutputFailed}, which the renderer tells apart from a migration file that could
 * not be read.
 */
final class ScriptText {
    private final Appendable out;
    private final Runnable statementEnded;

    ScriptText(Appendable out) {
        this(out, () -> { });
    }

    /** @param statementEnded told after each statement's ';' is written (a {@link Spool} keeps where they end) */
    ScriptText(Appendable out, Runnable statementEnded) {
        this.out = out;
        this.statementEnded = statementEnded;
    }

    ScriptText append(CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new OutputFailed(e);
        }
        return this;
    }

    /** A statement and its ';'. The splitter cuts trailing comments, so the ';' never lands inside one. */
    void terminated(String sql) {
        append(sql).append(";\n");
        statementEnded.run();
    }

    /** The output refused a write; the script cannot be finished, nor marked unfinished. */
    static final class OutputFailed extends MigrateException {
        private static final long serialVersionUID = 1L;

        OutputFailed(IOException cause) {
            super("The script could not be written: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()) + ". What was written is incomplete; do not apply it.", ExitCodes.FAILED,
                    cause);
        }
    }
}
