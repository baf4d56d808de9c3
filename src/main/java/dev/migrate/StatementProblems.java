package dev.migrate;

import dev.migrate.api.Problem;
import dev.migrate.config.MigrateConfig;
import dev.migrate.config.Setting;
import dev.migrate.db.Dialect;
import dev.migrate.db.DialectName;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlFlavor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** @param dialect {@code sqlite} or {@code postgresql} to read bodies one way; null to decide from the URL */
    static List<Problem> of(List<Migration> migrations, MigrateConfig config, String dialect) {
        boolean urlGiven = dialect != null || !"default".equals(config.sources().get(Setting.URL));
        SqlFlavor flavor = dialect != null ? DialectName.valueOf(dialect.toUpperCase(java.util.Locale.ROOT)).dialect().flavor() : Dialect.of(config.connection()).flavor();
        List<Problem> problems = new ArrayList<>();
        for (Migration migration : migrations) {
            if (!(migration instanceof SqlMigration sql)) {
                continue;
            }
            if (urlGiven) {
                problems.addAll(sql.problems(flavor));
            } else {
                Set<Problem> both = new LinkedHashSet<>(sql.problems(SqlFlavor.POSTGRESQL));
                both.retainAll(Set.copyOf(sql.problems(SqlFlavor.SQLITE)));
                problems.addAll(both);
            }
        }
        return problems;
    }
}
