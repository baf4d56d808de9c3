package dev.migrate.engine;

import dev.migrate.api.Problem;
import dev.migrate.api.UsageException;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${key}} in the statements of a SQL migration whose header says {@code placeholders: true}, replaced by the
 * {@code -x key=value} arguments. Files without that header are never touched, so a literal {@code ${...}} in
 * ordinary SQL stays as written.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private Placeholders() {
    }

    public static String apply(String sql, Map<String, String> arguments) {
        Matcher placeholder = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = arguments.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("unchecked placeholder " + placeholder.group(1));
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** Before anything runs: every placeholder the planned steps use must have an argument. */
    public static void check(List<Step> steps, Map<String, Migration> migrations, Map<String, String> arguments,
                             SqlFlavor flavor) {
        List<Problem> problems = new ArrayList<>();
        for (Step step : steps) {
            if (!(migrations.get(step.revision().id()) instanceof SqlMigration sql) || !sql.placeholders()) {
                continue;
            }
            try (SqlSplitter statements = sql.statements(step.direction(), flavor)) {
                while (statements.hasNext()) {
                    Statement statement = statements.next();
                    Matcher placeholder = PLACEHOLDER.matcher(statement.sql());
                    while (placeholder.find()) {
                        if (!arguments.containsKey(placeholder.group(1))) {
                            problems.add(new Problem(step.revision().location(), statement.line(), step.revision().id(),
                                    "placeholder ${" + placeholder.group(1) + "} has no value; pass -x "
                                            + placeholder.group(1) + "=VALUE"));
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Unknown placeholders; nothing was run:");
            problems.forEach(p -> message.append("\n  ").append(p));
            message.append("\n  Arguments given: ").append(arguments.isEmpty() ? "none" : new TreeSet<>(arguments.keySet()));
            throw new UsageException(message.toString());
        }
    }
}
