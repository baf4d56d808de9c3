package dev.migrate;

import dev.migrate.api.Problem;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.Dialect;
import dev.migrate.db.DialectName;
import dev.migrate.sql.SqlFlavor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code check} finds inside SQL bodies: text left inside an unterminated quote or comment, and transaction
 * control in a transactional migration. Splitting depends on the database's lexer (dollar quotes exist only on
 * PostgreSQL), so with a configured database the bodies are read its way; with only the default URL the folder may
 * be meant for either, and a problem counts only when both lexers find it, so PostgreSQL-only syntax is never
 * reported as a SQLite error nor the other way round.
 */
final class StatementProblems {
    private StatementProblems() {
    }

    /**
     * How to read bodies: {@code sqlite} or {@code postgresql} one way, or, when {@code dialect} is null, the configured
     * database's way; with only the default URL both ways (see {@link #of}).
     */
    static List<SqlFlavor> flavors(MigrateConfig config, String dialect) {
        boolean urlGiven = dialect != null || config.urlConfigured();
        if (!urlGiven) {
            return List.of(SqlFlavor.POSTGRESQL, SqlFlavor.SQLITE);
        }
        return List.of(dialect != null ? DialectName.valueOf(dialect.toUpperCase(java.util.Locale.ROOT)).dialect()
                .flavor() : Dialect.of(config.connection()).flavor());
    }

    /**
     * The problems to report from what splitting found under {@link #flavors}: a single flavour's, or those both
     * lexers find. Each problem names its file, so keeping the ones both found over the whole folder is keeping them
     * file by file.
     */
    static List<Problem> of(Map<SqlFlavor, List<Problem>> byFlavor) {
        if (byFlavor.size() == 1) {
            return byFlavor.values().iterator().next();
        }
        Set<Problem> both = new LinkedHashSet<>(byFlavor.get(SqlFlavor.POSTGRESQL));
        both.retainAll(Set.copyOf(byFlavor.get(SqlFlavor.SQLITE)));
        return List.copyOf(both);
    }
}
