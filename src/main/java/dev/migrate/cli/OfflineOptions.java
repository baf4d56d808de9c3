package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.api.OfflineScript;
import dev.migrate.db.Dialect;
import dev.migrate.db.DialectName;
import picocli.CommandLine.Option;

/** {@code --sql} and {@code --dialect}: print the script a command would run instead of connecting. */
final class OfflineOptions {
    @Option(names = "--sql", description = "Print the SQL script instead of running it; connects to no database.")
    boolean sql;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "sqlite or postgresql, for --sql. Default: the dialect of --url.")
    DialectName dialect;

    Dialect dialect(MigrateCommand root) {
        return dialect != null ? dialect.dialect() : Dialect.of(root.config().connection());
    }

    /** Prints the script; a script stopped by a Java migration still prints, then fails with exit 1. */
    static int print(MigrateCommand root, OfflineScript script) {
        root.printer().result(script.sql().stripTrailing());
        if (!script.complete()) {
            throw new MigrateException("The script stops before revision " + script.stoppedAt()
                    + ": it is a Java migration, which cannot be rendered as SQL. Run it with `migrate upgrade "
                    + script.stoppedAt() + "` against the database, then render the rest from there.",
                    ExitCodes.FAILED);
        }
        return 0;
    }
}
