package dev.migrate.engine;

import dev.migrate.api.Problem;
import dev.migrate.api.UsageException;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.sql.TransactionControl;

import java.io.StringReader;

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

    /**
     * Before anything runs, on the planned steps: every placeholder has a value and a known form, no quoted form sits
     * inside the author's own quotes (the value would close them), and with the values given each statement is still
     * one statement and, in a transactional migration, no transaction control: a value must never change what runs.
     */
    public static void check(List<Step> steps, Map<String, Migration> migrations, Map<String, String> arguments,
                             SqlFlavor flavor) {
        List<Problem> problems = new ArrayList<>();
        for (Step step : steps) {
            if (!(migrations.get(step.revision().id()) instanceof SqlMigration sql) || !sql.placeholders()) {
                continue;
            }
            TransactionControl transactionControl = step.revision().transactional() ? new TransactionControl() : null;
            try (SqlSplitter statements = sql.statements(step.direction(), flavor)) {
                collect(statements, step, arguments, flavor, transactionControl, problems);
            }
            if (step.direction() == Direction.UPGRADE && sql.verify() != null) {
                // The verify queries run in the same transaction, after the upgrade: their placeholders count too.
                try (SqlSplitter queries = sql.verifyQueries(flavor)) {
                    collect(queries, step, arguments, flavor, transactionControl, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Placeholders that cannot be used as given; nothing was run:");
            problems.forEach(p -> message.append("\n  ").append(p));
            message.append("\n  Arguments given: ").append(arguments.isEmpty() ? "none" : new TreeSet<>(arguments.keySet()));
            throw new UsageException(message.toString());
        }
    }

    private static void collect(SqlSplitter statements, Step step, Map<String, String> arguments, SqlFlavor flavor,
                                TransactionControl transactionControl, List<Problem> problems) {
        while (statements.hasNext()) {
            Statement statement = statements.next();
            List<String> found = statementProblems(statement, arguments);
            if (found.isEmpty()) {
                found = expansionProblems(statement, arguments, flavor, transactionControl);
            }
            found.forEach(message -> problems.add(new Problem(step.revision().location(), statement.line(),
                    step.revision().id(), message)));
        }
    }

    private static List<String> statementProblems(Statement statement, Map<String, String> arguments) {
        List<String> problems = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(statement.sql());
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String form = placeholder.group(2);
            if (form != null && !form.equals(LITERAL) && !form.equals(IDENTIFIER)) {
                problems.add("placeholder " + placeholder.group() + " has an unknown form '" + form + "'; use ${"
                        + name + "} (raw SQL text), ${" + name + ":literal} or ${" + name + ":identifier}");
            } else if (!arguments.containsKey(name)) {
                problems.add("placeholder ${" + name + "} has no value; pass -x " + name + "=VALUE");
            } else if (form != null && insideQuotes(statement.sql(), placeholder.start())) {
                problems.add("placeholder " + placeholder.group() + " stands inside quotes: the " + form + " form "
                        + "adds its own, so the value would close yours. Write " + placeholder.group()
                        + " without quotes around it");
            }
        }
        return problems;
    }

    /** Whether a ' or " opened before {@code position} is still open there (doubled quotes keep the count even). */
    private static boolean insideQuotes(String sql, int position) {
        int single = 0;
        int dbl = 0;
        for (int i = 0; i < position; i++) {
            char c = sql.charAt(i);
            if (c == '\'' && dbl % 2 == 0) {
                single++;
            } else if (c == '"' && single % 2 == 0) {
                dbl++;
            }
        }
        return single % 2 == 1 || dbl % 2 == 1;
    }

    private static List<String> expansionProblems(Statement statement, Map<String, String> arguments, SqlFlavor flavor,
                                                  TransactionControl transactionControl) {
        if (!PLACEHOLDER.matcher(statement.sql()).find()) {
            return List.of();
        }
        List<Statement> expanded;
        try (SqlSplitter split = new SqlSplitter(new StringReader(apply(statement.sql(), arguments)), statement.line(),
                flavor)) {
            expanded = split.toList();
        } catch (RuntimeException e) {
            return List.of("with the values given, this statement no longer parses (" + e.getMessage() + "): a value "
                    + "opens a quote or comment it does not close");
        }
        if (expanded.size() != 1) {
            return List.of("with the values given, this statement becomes " + expanded.size() + " statements: a "
                    + "value contains ';' outside quotes. Use ${name:literal} for values, and never let a value add SQL");
        }
        String control = transactionControl == null ? null : transactionControl.problem(expanded.get(0));
        return control == null ? List.of() : List.of("with the values given: " + control);
    }
}
