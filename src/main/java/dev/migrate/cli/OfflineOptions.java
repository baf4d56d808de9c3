package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.api.ScriptResult;
import dev.migrate.db.Dialect;
import dev.migrate.db.DialectName;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Function;

/** {@code --sql} and {@code --dialect}: print the script a command would run instead of connecting. */
final class OfflineOptions {
    @Option(names = "--sql", description = "Print the SQL script instead of running it; connects to no database (only a "
            + "current:END range reads the rows it starts from).")
    boolean sql;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "sqlite or postgresql, for --sql. Default: the dialect of --url.")
    DialectName dialect;

    Dialect dialect(MigrateCommand root) {
        return dialect != null ? dialect.dialect() : Dialect.of(root.config().connection());
    }

    /**
     * Writes the script to stdout as it is rendered (a migration file is never held whole), flushed at the end and
     * when rendering fails, so what was written comes before the error. A script stopped by a Java migration is
     * still written, then fails with exit 1; so does one that stdout did not take whole (a full disk).
     */
    static int print(MigrateCommand root, Function<Appendable, ScriptResult> render) {
        PrintWriter out = root.printer().resultOutput();
        ScriptResult script;
        try {
            script = render.apply(out);
        } finally {
            out.flush();
        }
        if (out.checkError()) {
            throw new MigrateException("The script could not be written to standard output whole (is the disk full, "
                    + "or was the pipe closed?); what was written is incomplete: do not apply it.", ExitCodes.FAILED);
        }
        if (!script.complete()) {
            throw new MigrateException("The script stops before revision " + script.stoppedAt()
                    + ": it is a Java migration, which cannot be rendered as SQL. Run it with `migrate upgrade "
                    + script.stoppedAt() + "` against the database, then render the rest from there.",
                    ExitCodes.FAILED);
        }
        return 0;
    }
}
