package dev.migrate.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.migrate.schema.SchemaDiff.Action.ADDED;
import static dev.migrate.schema.SchemaDiff.Action.CHANGED;
import static dev.migrate.schema.SchemaDiff.Action.REMOVED;

/**
 * SQLite DDL from a diff. New objects are created with the statement SQLite keeps for them in the wanted database.
 * A column that may be added by {@code ALTER TABLE ... ADD COLUMN} is; any other change to a table (a dropped or
 * changed column, a new constraint) uses SQLite's documented rebuild: create the new table under a temporary name,
 * copy the common columns, drop the old table, rename, and re-create its indexes and triggers, all inside the
 * migration's transaction. While any table is rebuilt or dropped, every view and trigger is dropped first and
 * re-created last, since SQLite checks them all when a table is renamed.
 */
final class SqliteDdl {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^(\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)"
                    + "(\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*]|[^\\s(]+)", Pattern.CASE_INSENSITIVE);
    static final String NEW_PREFIX = "migrate_new_";

    private final DiffIndex index;
    private final DdlScript script = new DdlScript();
    private final Set<String> rebuilt = new LinkedHashSet<>();
    private final Set<String> addColumns = new LinkedHashSet<>();

    SqliteDdl(SchemaModel from, SchemaModel to) {
        this.index = new DiffIndex(from, to);
        classifyTables();
    }

    private void classifyTables() {
        for (SchemaDiff.Change change : index.diff.changes()) {
            SchemaObject object = change.object();
            String table = object.kind() == Kind.TABLE ? object.name() : object.table();
            if (table == null || !index.onKeptTable(object) || object.kind() == Kind.INDEX
                    || object.kind() == Kind.TRIGGER || object.kind() == Kind.TABLE && change.action() != CHANGED) {
                continue;
            }
            if (object.kind() == Kind.COLUMN && change.action() == ADDED && addable(object)) {
                addColumns.add(table);
            } else {
                rebuilt.add(table);
            }
        }
        addColumns.removeAll(rebuilt);
    }

    /** What {@code ALTER TABLE ADD COLUMN} allows: no key, not generated, and NOT NULL only with a default. */
    private static boolean addable(SchemaObject column) {
        return column.property("generated") == null
                && ("yes".equals(column.property("nullable")) || column.property("default") != null);
    }

    Ddl write() {
        boolean restructure = !rebuilt.isEmpty() || !index.removedTables.isEmpty();
        // Views and triggers: all of them around a restructure, else only those that change.
        for (SchemaObject trigger : dropping(Kind.TRIGGER, restructure)) {
            script.statement("DROP TRIGGER " + SqlText.quote(trigger.name()));
        }
        for (SchemaObject view : DependencyOrder.dropping(dropping(Kind.VIEW, restructure))) {
            script.statement("DROP VIEW " + SqlText.quote(view.name()));
        }
        for (SchemaDiff.Change change : changed(Kind.INDEX, REMOVED, CHANGED)) {
            SchemaObject dropped = change.before();
            if (index.onKeptTable(dropped) && !rebuilt.contains(dropped.table())) {
                script.statement("DROP INDEX " + SqlText.quote(dropped.name()));
            }
        }
        for (String table : index.removedTables) {
            script.statement("DROP TABLE " + SqlText.quote(table));
        }
        for (String table : index.addedTables) {
            script.statement(index.to.get(Kind.TABLE, table).sql());
        }
        Set<String> suspects = index.renameSuspects();
        for (String table : rebuilt) {
            rebuild(table, suspects.contains(table));
        }
        for (String table : addColumns) {
            for (SchemaDiff.Change change : index.of(Kind.COLUMN, ADDED)) {
                if (table.equals(change.after().table())) {
                    script.statement("ALTER TABLE " + SqlText.quote(table) + " ADD COLUMN " + column(change.after()));
                }
            }
        }
        for (SchemaObject created : index.to.ofKind(Kind.INDEX)) {
            if (creating(created, index.from.get(Kind.INDEX, created.name()), false)) {
                script.statement(created.sql());
            }
        }
        for (SchemaObject view : DependencyOrder.creating(index.to.ofKind(Kind.VIEW))) { // a view after those it reads
            if (creating(view, index.from.get(Kind.VIEW, view.name()), restructure)) {
                script.statement(view.sql());
            }
        }
        for (SchemaObject trigger : index.to.ofKind(Kind.TRIGGER)) {
            if (creating(trigger, index.from.get(Kind.TRIGGER, trigger.name()), restructure)) {
                script.statement(trigger.sql());
            }
        }
        return script.build();
    }

    /** Whether {@code object} of the wanted schema must be created: new, changed, or gone with its table. */
    private boolean creating(SchemaObject object, SchemaObject before, boolean all) {
        return all || before == null || !before.properties().equals(object.properties())
                || object.table() != null && (rebuilt.contains(object.table()) || index.addedTables.contains(object.table()));
    }

    private List<SchemaObject> dropping(Kind kind, boolean all) {
        List<SchemaObject> dropped = new ArrayList<>();
        for (SchemaObject object : index.from.ofKind(kind)) {
            SchemaObject after = index.to.get(kind, object.name());
            boolean goesWithTable = object.table() != null && index.removedTables.contains(object.table());
            if (!goesWithTable && (all || after == null || !after.properties().equals(object.properties()))) {
                dropped.add(object);
            }
        }
        return dropped;
    }

    private void rebuild(String table, boolean renameSuspect) {
        String temporary = NEW_PREFIX + table;
        List<String> common = new ArrayList<>();
        for (SchemaObject column : index.to.ofTable(Kind.COLUMN, table)) {
            if (index.from.get(Kind.COLUMN, column.name()) != null && column.property("generated") == null) {
                common.add(SqlText.quote(column.shortName()));
            }
        }
        List<String> statements = List.of(
                renamed(index.to.get(Kind.TABLE, table).sql(), temporary),
                "INSERT INTO " + SqlText.quote(temporary) + " (" + String.join(", ", common) + ")\n    SELECT "
                        + String.join(", ", common) + " FROM " + SqlText.quote(table),
                "DROP TABLE " + SqlText.quote(table),
                "ALTER TABLE " + SqlText.quote(temporary) + " RENAME TO " + SqlText.quote(table));
        if (renameSuspect) {
            List<String> removed = index.columnNames(index.from, table, REMOVED);
            List<String> added = index.columnNames(index.to, table, ADDED);
            script.unsafe("table " + table + " loses column(s) " + String.join(", ", removed) + " and gains "
                    + String.join(", ", added) + ". If this is a rename, write ALTER TABLE " + SqlText.quote(table)
                    + " RENAME COLUMN " + SqlText.quote(removed.get(0)) + " TO " + SqlText.quote(added.get(0))
                    + "; otherwise uncomment the rebuild below (it does not copy the dropped columns' data)", statements);
            return;
        }
        script.comment("Rebuild " + table + " (SQLite's ALTER TABLE cannot make this change): copy it into the new "
                + "definition, then swap.");
        statements.forEach(script::statement);
    }

    /** A CREATE TABLE statement with another table name. */
    static String renamed(String createTable, String name) {
        Matcher matcher = CREATE_TABLE.matcher(createTable);
        if (!matcher.find()) {
            throw new IllegalStateException("not a CREATE TABLE statement: " + createTable);
        }
        return matcher.group(1) + SqlText.quote(name) + createTable.substring(matcher.end());
    }

    private static String column(SchemaObject column) {
        StringBuilder definition = new StringBuilder(SqlText.quote(column.shortName()));
        if (!column.property("type").isEmpty()) {
            definition.append(' ').append(column.property("type"));
        }
        if ("no".equals(column.property("nullable"))) {
            definition.append(" NOT NULL");
        }
        if (column.property("default") != null) {
            definition.append(" DEFAULT ").append(column.property("default"));
        }
        return definition.toString();
    }

    private List<SchemaDiff.Change> changed(Kind kind, SchemaDiff.Action one, SchemaDiff.Action other) {
        List<SchemaDiff.Change> changes = new ArrayList<>(index.of(kind, one));
        changes.addAll(index.of(kind, other));
        return changes;
    }
}
