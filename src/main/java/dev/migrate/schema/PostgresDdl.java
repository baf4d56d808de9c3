package dev.migrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.migrate.schema.SchemaDiff.Action.ADDED;
import static dev.migrate.schema.SchemaDiff.Action.CHANGED;
import static dev.migrate.schema.SchemaDiff.Action.REMOVED;

/**
 * PostgreSQL DDL from a diff: drops first, dependents before what they depend on (triggers, views, indexes,
 * foreign keys, other constraints, columns, tables, functions, sequences, domains, types, extensions), then
 * creates in the opposite order (extensions, types, domains, sequences, functions, tables, columns, constraints
 * with foreign keys last, indexes, views, triggers). All of it runs in the migration's one transaction.
 */
final class PostgresDdl {
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "default", "desc",
            "distinct", "do", "else", "end", "except", "false", "for", "foreign", "from", "grant", "group", "having",
            "in", "into", "is", "join", "leading", "limit", "not", "null", "offset", "on", "only", "or", "order",
            "primary", "references", "select", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "when", "where", "window", "with");
    /** Where one of a domain's constraints starts in the reader's {@code constraints} property. */
    private static final Pattern DOMAIN_CONSTRAINT = Pattern.compile(
            "(?:^|\\s)(CONSTRAINT (\"(?:[^\"]|\"\")*\"|\\S+) CHECK )");
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('[^']+'::regclass\\)");

    private final DiffIndex index;
    private final DdlScript script = new DdlScript();
    private final Set<String> suspects;

    PostgresDdl(SchemaModel from, SchemaModel to) {
        this.index = new DiffIndex(from, to);
        this.suspects = index.renameSuspects();
    }

    Ddl write() {
        drops();
        creates();
        return script.build();
    }

    private void drops() {
        for (SchemaDiff.Change change : changed(Kind.TRIGGER, REMOVED, CHANGED)) {
            if (index.onKeptTable(change.before())) {
                script.statement("DROP TRIGGER " + id(change.before().shortName()) + " ON " + id(change.before().table()));
            }
        }
        for (SchemaObject view : DependencyOrder.dropping(views(index.from))) {
            script.statement("DROP " + (view.kind() == Kind.VIEW ? "VIEW " : "MATERIALIZED VIEW ") + id(view.name()));
        }
        for (SchemaDiff.Change change : changed(Kind.INDEX, REMOVED, CHANGED)) {
            if (index.onKeptTable(change.before())) {
                script.statement("DROP INDEX " + id(change.before().name()));
            }
        }
        // Foreign keys first, those of dropped tables included: a table cannot go while another one refers to it.
        List<SchemaObject> constraints = new ArrayList<>();
        for (SchemaDiff.Change change : changed(Kind.CONSTRAINT, REMOVED, CHANGED)) {
            if (!index.removedTables.contains(change.before().table()) || isForeignKey(change.before())) {
                constraints.add(change.before());
            }
        }
        constraints.sort((a, b) -> Boolean.compare(!isForeignKey(a), !isForeignKey(b)));
        for (SchemaObject constraint : constraints) {
            script.statement("ALTER TABLE " + id(constraint.table()) + " DROP CONSTRAINT " + id(constraint.shortName()));
        }
        for (SchemaDiff.Change change : index.of(Kind.COLUMN, REMOVED)) {
            SchemaObject column = change.before();
            if (index.onKeptTable(column) && !suspects.contains(column.table())) {
                script.statement("ALTER TABLE " + id(column.table()) + " DROP COLUMN " + id(column.shortName()));
            }
        }
        for (String table : index.removedTables) {
            script.statement("DROP TABLE " + id(table));
        }
        for (SchemaDiff.Change change : index.of(Kind.FUNCTION, REMOVED)) {
            script.statement("DROP FUNCTION " + function(change.before().name()));
        }
        for (SchemaDiff.Change change : index.of(Kind.SEQUENCE, REMOVED)) {
            script.statement("DROP SEQUENCE " + id(change.before().name()));
        }
        for (SchemaDiff.Change change : index.of(Kind.DOMAIN, REMOVED)) {
            script.statement("DROP DOMAIN " + id(change.before().name()));
        }
        for (SchemaDiff.Change change : index.of(Kind.TYPE, REMOVED)) {
            script.statement("DROP TYPE " + id(change.before().name()));
        }
        for (SchemaDiff.Change change : index.of(Kind.EXTENSION, REMOVED)) {
            script.statement("DROP EXTENSION " + id(change.before().name()));
        }
    }

    private void creates() {
        for (SchemaDiff.Change change : index.of(Kind.EXTENSION, ADDED)) {
            script.statement("CREATE EXTENSION IF NOT EXISTS " + id(change.after().name()));
        }
        for (SchemaDiff.Change change : index.of(Kind.TYPE, ADDED)) {
            script.statement("CREATE TYPE " + id(change.after().name()) + " AS ENUM (" + change.after().property("enum") + ")");
        }
        for (SchemaDiff.Change change : index.of(Kind.TYPE, CHANGED)) {
            changeEnum(change.before(), change.after());
        }
        for (SchemaDiff.Change change : index.of(Kind.DOMAIN, ADDED)) {
            script.statement(domain(change.after()));
        }
        for (SchemaDiff.Change change : index.of(Kind.DOMAIN, CHANGED)) {
            changeDomain(change);
        }
        for (SchemaDiff.Change change : index.of(Kind.SEQUENCE, ADDED)) {
            script.statement(sequence(change.after()));
        }
        for (SchemaDiff.Change change : index.of(Kind.SEQUENCE, CHANGED)) {
            alterSequence(change);
        }
        for (SchemaDiff.Change change : changed(Kind.FUNCTION, ADDED, CHANGED)) {
            script.statement(change.after().sql()); // CREATE OR REPLACE FUNCTION ...
        }
        for (String table : index.addedTables) {
            createTable(table);
        }
        for (SchemaDiff.Change change : index.of(Kind.TABLE, CHANGED)) {
            String comment = change.after().property("comment");
            script.statement("COMMENT ON TABLE " + id(change.after().name()) + " IS "
                    + (comment == null ? "NULL" : SqlText.literal(comment)));
        }
        for (String table : suspects) {
            renameSuspect(table);
        }
        for (SchemaDiff.Change change : index.of(Kind.COLUMN, ADDED)) {
            SchemaObject column = change.after();
            if (index.onKeptTable(column) && !suspects.contains(column.table())) {
                script.statement("ALTER TABLE " + id(column.table()) + " ADD COLUMN " + columnDefinition(column));
                columnComment(column);
            }
        }
        for (SchemaDiff.Change change : index.of(Kind.COLUMN, CHANGED)) {
            changeColumn(change);
        }
        List<SchemaObject> constraints = new ArrayList<>();
        for (SchemaDiff.Change change : changed(Kind.CONSTRAINT, ADDED, CHANGED)) {
            constraints.add(change.after());
        }
        constraints.sort((a, b) -> Boolean.compare(isForeignKey(a), isForeignKey(b)));
        for (SchemaObject constraint : constraints) {
            script.statement("ALTER TABLE " + id(constraint.table()) + " ADD CONSTRAINT " + id(constraint.shortName())
                    + " " + constraint.property("definition"));
        }
        for (SchemaDiff.Change change : changed(Kind.INDEX, ADDED, CHANGED)) {
            script.statement(change.after().sql());
        }
        for (SchemaObject view : DependencyOrder.creating(views(index.to))) {
            script.statement("CREATE " + (view.kind() == Kind.VIEW ? "VIEW " : "MATERIALIZED VIEW ") + id(view.name())
                    + " AS\n" + view.property("definition"));
        }
        for (SchemaDiff.Change change : changed(Kind.TRIGGER, ADDED, CHANGED)) {
            script.statement(change.after().sql());
        }
    }

    /**
     * The views and materialized views of {@code model} that the migration drops (from the old model) or creates (from
     * the new one): those added, removed or changed, and every view that reads one of them or a table whose column
     * changes type, since PostgreSQL refuses to drop or alter what a view still reads. Those only in the way are
     * dropped and created again as they were.
     */
    private List<SchemaObject> views(SchemaModel model) {
        java.util.Set<String> roots = new java.util.HashSet<>();
        for (Kind kind : List.of(Kind.VIEW, Kind.MATERIALIZED_VIEW)) {
            changed(kind, REMOVED, CHANGED).forEach(change -> roots.add(change.before().name()));
            index.of(kind, ADDED).forEach(change -> roots.add(change.after().name()));
        }
        for (SchemaDiff.Change change : index.of(Kind.COLUMN, CHANGED)) {
            if (change.differences().stream().anyMatch(d -> d.property().equals("type"))) {
                roots.add(change.after().table());
            }
        }
        java.util.Set<String> affected = DependencyOrder.dependentsOf(index.from, roots);
        List<SchemaObject> views = new ArrayList<>();
        for (SchemaObject object : model.objects()) {
            if ((object.kind() == Kind.VIEW || object.kind() == Kind.MATERIALIZED_VIEW) && affected.contains(object.name())) {
                views.add(object);
            }
        }
        return views;
    }

    private void createTable(String table) {
        List<String> lines = new ArrayList<>();
        List<SchemaObject> columns = index.to.ofTable(Kind.COLUMN, table);
        for (SchemaObject column : columns) {
            lines.add("    " + columnDefinition(column));
        }
        SchemaObject created = index.to.get(Kind.TABLE, table);
        script.statement("CREATE TABLE " + id(table) + " (\n" + String.join(",\n", lines) + "\n)"
                + ("yes".equals(created.property("partitioned")) ? " -- WARNING: partitioned in the source; add PARTITION BY" : ""));
        if (created.property("comment") != null) {
            script.statement("COMMENT ON TABLE " + id(table) + " IS " + SqlText.literal(created.property("comment")));
        }
        columns.forEach(this::columnComment);
    }

    private void renameSuspect(String table) {
        List<String> removed = index.columnNames(index.from, table, REMOVED);
        List<String> added = index.columnNames(index.to, table, ADDED);
        List<String> statements = new ArrayList<>();
        for (String column : removed) {
            statements.add("ALTER TABLE " + id(table) + " DROP COLUMN " + id(column));
        }
        for (SchemaDiff.Change change : index.of(Kind.COLUMN, ADDED)) {
            if (table.equals(change.after().table())) {
                statements.add("ALTER TABLE " + id(table) + " ADD COLUMN " + columnDefinition(change.after()));
            }
        }
        script.unsafe("table " + table + " loses column(s) " + String.join(", ", removed) + " and gains "
                + String.join(", ", added) + ". If this is a rename, write ALTER TABLE " + id(table) + " RENAME COLUMN "
                + id(removed.get(0)) + " TO " + id(added.get(0)) + "; otherwise uncomment the drop and add below "
                + "(dropping loses the column's data)", statements);
    }

    private void changeColumn(SchemaDiff.Change change) {
        SchemaObject before = change.before();
        SchemaObject after = change.after();
        String alter = "ALTER TABLE " + id(after.table()) + " ALTER COLUMN " + id(after.shortName()) + " ";
        for (SchemaDiff.Difference difference : change.differences()) {
            switch (difference.property()) {
                case "type", "collation" -> {
                    if (difference.property().equals("collation") && change.differences().stream()
                            .anyMatch(d -> d.property().equals("type"))) {
                        continue; // one ALTER ... TYPE ... COLLATE covers both
                    }
                    String statement = alter + "TYPE " + after.property("type")
                            + (after.property("collation") == null ? "" : " COLLATE " + id(after.property("collation")));
                    if (widens(before.property("type"), after.property("type"))) {
                        script.statement(statement);
                    } else {
                        script.unsafe("column " + after.name() + " changes type " + before.property("type") + " -> "
                                + after.property("type") + ", which may fail or lose data; check the values, add "
                                + "USING " + id(after.shortName()) + "::" + after.property("type") + " if needed",
                                List.of(statement));
                    }
                }
                case "nullable" -> script.statement(alter + ("no".equals(difference.after()) ? "SET NOT NULL" : "DROP NOT NULL"));
                case "default" -> script.statement(alter + (difference.after() == null ? "DROP DEFAULT"
                        : "SET DEFAULT " + difference.after()));
                case "identity" -> script.statement(alter + (difference.after() == null ? "DROP IDENTITY"
                        : difference.before() == null ? "ADD GENERATED " + identity(difference.after()) + " AS IDENTITY"
                        : "SET GENERATED " + identity(difference.after())));
                case "comment" -> columnComment(after);
                default -> script.unsafe("column " + after.name() + ": " + difference + " cannot be altered in place",
                        List.of("ALTER TABLE " + id(after.table()) + " DROP COLUMN " + id(after.shortName()),
                                "ALTER TABLE " + id(after.table()) + " ADD COLUMN " + columnDefinition(after)));
            }
        }
    }

    /** Type changes that keep every value: to text, to a longer varchar, to a wider integer or float. */
    static boolean widens(String from, String to) {
        if (to.equals("text") && (from.startsWith("character varying") || from.startsWith("character("))) {
            return true;
        }
        Matcher a = Pattern.compile("character varying\\((\\d+)\\)").matcher(from);
        if (a.matches()) {
            Matcher b = Pattern.compile("character varying(?:\\((\\d+)\\))?").matcher(to);
            return b.matches() && (b.group(1) == null || Integer.parseInt(b.group(1)) >= Integer.parseInt(a.group(1)));
        }
        List<String> integers = List.of("smallint", "integer", "bigint");
        if (integers.contains(from) && integers.contains(to)) {
            return integers.indexOf(to) >= integers.indexOf(from);
        }
        return from.equals("real") && to.equals("double precision");
    }

    private void changeEnum(SchemaObject before, SchemaObject after) {
        List<String> old = enumValues(before.property("enum"));
        List<String> now = enumValues(after.property("enum"));
        String type = id(after.name());
        if (isSubsequence(old, now)) {
            for (int i = 0; i < now.size(); i++) {
                if (!old.contains(now.get(i))) {
                    script.statement("ALTER TYPE " + type + " ADD VALUE " + now.get(i)
                            + (i > 0 ? " AFTER " + now.get(i - 1) : " BEFORE " + now.get(i + 1)));
                }
            }
            return;
        }
        // PostgreSQL cannot remove or reorder enum values: make a new type and move each column to it.
        List<String> lost = old.stream().filter(value -> !now.contains(value)).toList();
        script.warn("enum " + after.name() + " is re-created" + (lost.isEmpty() ? "" : " without "
                + String.join(", ", lost) + ": rows holding " + (lost.size() == 1 ? "it" : "them") + " make this fail"));
        String oldName = id(after.name() + "_old");
        script.statement("ALTER TYPE " + type + " RENAME TO " + oldName);
        script.statement("CREATE TYPE " + type + " AS ENUM (" + after.property("enum") + ")");
        for (SchemaObject column : index.from.ofKind(Kind.COLUMN)) {
            if (!after.name().equals(column.property("type")) || !index.onKeptTable(column)) {
                continue;
            }
            SchemaObject target = index.to.get(Kind.COLUMN, column.name());
            String alter = "ALTER TABLE " + id(column.table()) + " ALTER COLUMN " + id(column.shortName()) + " ";
            if (column.property("default") != null) {
                script.statement(alter + "DROP DEFAULT");
            }
            script.statement(alter + "TYPE " + type + " USING " + id(column.shortName()) + "::text::" + type);
            if (target != null && target.property("default") != null && column.property("default") != null) {
                script.statement(alter + "SET DEFAULT " + target.property("default"));
            }
        }
        script.statement("DROP TYPE " + oldName);
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int at = 0;
        for (String value : whole) {
            if (at < part.size() && part.get(at).equals(value)) {
                at++;
            }
        }
        return at == part.size();
    }

    /** {@code 'a', 'it''s'} as the quoted literals it lists. */
    static List<String> enumValues(String list) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            int start = list.indexOf('\'', i);
            if (start < 0) {
                break;
            }
            int end = start + 1;
            while (end < list.length()) {
                if (list.charAt(end) == '\'' && end + 1 < list.length() && list.charAt(end + 1) == '\'') {
                    end += 2;
                } else if (list.charAt(end) == '\'') {
                    break;
                } else {
                    end++;
                }
            }
            values.add(list.substring(start, end + 1));
            i = end + 1;
        }
        return values;
    }

    private String columnDefinition(SchemaObject column) {
        String type = column.property("type");
        String defaultValue = column.property("default");
        // A serial column's sequence is part of the column: serial makes both, as it did in the source.
        if (defaultValue != null && NEXTVAL.matcher(defaultValue).matches()
                && List.of("smallint", "integer", "bigint").contains(type)) {
            type = switch (type) {
                case "smallint" -> "smallserial";
                case "bigint" -> "bigserial";
                default -> "serial";
            };
            defaultValue = null;
        }
        StringBuilder definition = new StringBuilder(id(column.shortName())).append(' ').append(type);
        if (column.property("collation") != null) {
            definition.append(" COLLATE ").append(id(column.property("collation")));
        }
        if (column.property("generated") != null) {
            definition.append(" GENERATED ALWAYS AS (").append(column.property("generated")).append(") STORED");
        } else if (defaultValue != null) {
            definition.append(" DEFAULT ").append(defaultValue);
        }
        if (column.property("identity") != null) {
            definition.append(" GENERATED ").append(identity(column.property("identity"))).append(" AS IDENTITY");
        }
        if ("no".equals(column.property("nullable"))) {
            definition.append(" NOT NULL");
        }
        return definition.toString();
    }

    private void columnComment(SchemaObject column) {
        if (column.property("comment") != null || index.from.get(Kind.COLUMN, column.name()) != null) {
            String comment = column.property("comment");
            if (comment != null || index.from.get(Kind.COLUMN, column.name()).property("comment") != null) {
                script.statement("COMMENT ON COLUMN " + id(column.table()) + "." + id(column.shortName()) + " IS "
                        + (comment == null ? "NULL" : SqlText.literal(comment)));
            }
        }
    }

    private static String identity(String value) {
        return value.equals("always") ? "ALWAYS" : "BY DEFAULT";
    }

    private String domain(SchemaObject domain) {
        return "CREATE DOMAIN " + id(domain.name()) + " AS " + domain.property("type")
                + (domain.property("default") == null ? "" : " DEFAULT " + domain.property("default"))
                + ("no".equals(domain.property("nullable")) ? " NOT NULL" : "")
                + (domain.property("constraints") == null ? "" : " " + domain.property("constraints"));
    }

    /**
     * A domain's default and NOT NULL are altered in place: nothing is lost (SET NOT NULL fails, rather than changes
     * data, where a column of the domain holds a null). Its base type cannot be altered, and dropping the domain would
     * drop every column of it (CASCADE) or fail, so a type change is left for the developer; so is a changed
     * constraint, which they may want to add NOT VALID first.
     */
    private void changeDomain(SchemaDiff.Change change) {
        SchemaObject after = change.after();
        String alter = "ALTER DOMAIN " + id(after.name()) + " ";
        for (SchemaDiff.Difference difference : change.differences()) {
            switch (difference.property()) {
                case "default" -> script.statement(alter + (difference.after() == null ? "DROP DEFAULT"
                        : "SET DEFAULT " + difference.after()));
                case "nullable" -> script.statement(alter + ("no".equals(difference.after()) ? "SET NOT NULL"
                        : "DROP NOT NULL"));
                case "constraints" -> script.unsafe("domain " + after.name() + " changes its constraints from "
                        + shown(difference.before()) + " to " + shown(difference.after()) + "; drop the old ones and "
                        + "add the new ones (ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT, checks the values "
                        + "already stored separately)", domainConstraints(after, difference));
                default -> script.unsafe("domain " + after.name() + ": " + difference + " cannot be altered in place; "
                        + "re-creating the domain drops or fails on every column that uses it, so convert those columns "
                        + "to the new type first", List.of("DROP DOMAIN " + id(after.name()), domain(after)));
            }
        }
    }

    private List<String> domainConstraints(SchemaObject after, SchemaDiff.Difference difference) {
        List<String> statements = new ArrayList<>();
        for (String name : constraints(difference.before()).keySet()) {
            statements.add("ALTER DOMAIN " + id(after.name()) + " DROP CONSTRAINT " + name);
        }
        for (String constraint : constraints(difference.after()).values()) {
            statements.add("ALTER DOMAIN " + id(after.name()) + " ADD " + constraint);
        }
        return statements;
    }

    /**
     * {@code CONSTRAINT a CHECK (...) CONSTRAINT b CHECK (...)}, as the reader wrote it, one constraint each: the name
     * (quoted as needed) to the whole {@code CONSTRAINT a CHECK (...)}.
     */
    private static java.util.Map<String, String> constraints(String constraints) {
        java.util.Map<String, String> each = new java.util.LinkedHashMap<>();
        if (constraints != null) {
            Matcher matcher = DOMAIN_CONSTRAINT.matcher(constraints);
            List<Integer> starts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (matcher.find()) {
                starts.add(matcher.start(1));
                names.add(matcher.group(2));
            }
            for (int i = 0; i < starts.size(); i++) {
                each.put(names.get(i), constraints.substring(starts.get(i),
                        i + 1 < starts.size() ? starts.get(i + 1) : constraints.length()).strip());
            }
        }
        return each;
    }

    private static String shown(String value) {
        return value == null ? "(none)" : value;
    }

    /**
     * A sequence's options are altered in place. The value it hands out next stays as it is: START WITH only says
     * where a later RESTART goes, and nothing is restarted, so no value is handed out twice.
     */
    private void alterSequence(SchemaDiff.Change change) {
        SchemaObject after = change.after();
        List<String> options = new ArrayList<>();
        for (SchemaDiff.Difference difference : change.differences()) {
            options.add(switch (difference.property()) {
                case "type" -> "AS " + after.property("type");
                case "increment" -> "INCREMENT BY " + after.property("increment");
                case "min" -> "MINVALUE " + after.property("min");
                case "max" -> "MAXVALUE " + after.property("max");
                case "start" -> "START WITH " + after.property("start");
                case "cache" -> "CACHE " + after.property("cache");
                case "cycle" -> "yes".equals(after.property("cycle")) ? "CYCLE" : "NO CYCLE";
                default -> throw new IllegalStateException("unknown sequence property " + difference.property());
            });
        }
        script.statement("ALTER SEQUENCE " + id(after.name()) + " " + String.join(" ", options));
    }

    private String sequence(SchemaObject sequence) {
        return "CREATE SEQUENCE " + id(sequence.name()) + " AS " + sequence.property("type")
                + " INCREMENT BY " + sequence.property("increment") + " MINVALUE " + sequence.property("min")
                + " MAXVALUE " + sequence.property("max") + " START WITH " + sequence.property("start")
                + " CACHE " + sequence.property("cache") + ("yes".equals(sequence.property("cycle")) ? " CYCLE" : " NO CYCLE");
    }

    /** {@code f(integer, text)}: the name quoted as needed, the argument types as the server printed them. */
    private static String function(String key) {
        int paren = key.indexOf('(');
        return id(key.substring(0, paren)) + key.substring(paren);
    }

    private static boolean isForeignKey(SchemaObject constraint) {
        return "foreign key".equals(constraint.property("type"));
    }

    private List<SchemaDiff.Change> changed(Kind kind, SchemaDiff.Action one, SchemaDiff.Action other) {
        List<SchemaDiff.Change> changes = new ArrayList<>(index.of(kind, one));
        changes.addAll(index.of(kind, other));
        return changes;
    }

    /** A name as SQL: bare when PostgreSQL would read it back unchanged, else double-quoted. */
    static String id(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name.toLowerCase(Locale.ROOT)) ? name
                : SqlText.quote(name);
    }
}
