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
 *
 * <p>{@code ${key}} is raw text, as in Flyway: the value becomes SQL, so it must come from someone trusted to write
 * SQL. {@code ${key:literal}} quotes the value as a string literal and {@code ${key:identifier}} as a quoted
 * identifier, doubling any quote inside: those are safe for values an operator types at deploy time.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([A-Za-z]*))?}");
    private static final String LITERAL = "literal";
    private static final String IDENTIFIER = "identifier";

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
            placeholder.appendReplacement(out, Matcher.quoteReplacement(quoted(value, placeholder.group(2))));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String quoted(String value, String form) {
        if (form == null) {
            return value;
        }
        if (form.equals(LITERAL)) {
            return "'" + value.replace("'", "''") + "'";
        }
        if (form.equals(IDENTIFIER)) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        throw new IllegalStateException("unchecked placeholder form " + form);
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
                        String form = placeholder.group(2);
                        if (form != null && !form.equals(LITERAL) && !form.equals(IDENTIFIER)) {
                            problems.add(new Problem(step.revision().location(), statement.line(), step.revision().id(),
                                    "placeholder " + placeholder.group() + " has an unknown form '" + form
                                            + "'; use ${" + placeholder.group(1) + "} (raw SQL text), ${"
                                            + placeholder.group(1) + ":literal} or ${" + placeholder.group(1)
                                            + ":identifier}"));
                        } else if (!arguments.containsKey(placeholder.group(1))) {
                            problems.add(new Problem(step.revision().location(), statement.line(), step.revision().id(),
                                    "placeholder ${" + placeholder.group(1) + "} has no value; pass -x "
                                            + placeholder.group(1) + "=VALUE"));
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Placeholders without a value; nothing was run:");
            problems.forEach(p -> message.append("\n  ").append(p));
            message.append("\n  Arguments given: ").append(arguments.isEmpty() ? "none" : new TreeSet<>(arguments.keySet()));
            throw new UsageException(message.toString());
        }
    }
}
