package dev.migrate.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A diff sorted for a DDL writer: what was added, removed or changed, by kind, and which tables. */
final class DiffIndex {
    final SchemaModel from;
    final SchemaModel to;
    final SchemaDiff diff;
    final Set<String> addedTables = new LinkedHashSet<>();
    final Set<String> removedTables = new LinkedHashSet<>();

    DiffIndex(SchemaModel from, SchemaModel to) {
        this.from = from;
        this.to = to;
        this.diff = SchemaDiff.between(from, to);
        for (SchemaDiff.Change change : diff.changes()) {
            if (change.object().kind() == Kind.TABLE && change.action() == SchemaDiff.Action.ADDED) {
                addedTables.add(change.object().name());
            } else if (change.object().kind() == Kind.TABLE && change.action() == SchemaDiff.Action.REMOVED) {
                removedTables.add(change.object().name());
            }
        }
    }

    List<SchemaDiff.Change> of(Kind kind, SchemaDiff.Action action) {
        List<SchemaDiff.Change> changes = new ArrayList<>();
        for (SchemaDiff.Change change : diff.changes()) {
            if (change.object().kind() == kind && change.action() == action) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** Whether the object's table is kept (neither added nor removed): its own changes need statements. */
    boolean onKeptTable(SchemaObject object) {
        return object.table() == null || !addedTables.contains(object.table()) && !removedTables.contains(object.table());
    }

    /**
     * Tables that lose a column and gain one of the same type, nullability and default in the same diff: a rename looks exactly like this,
     * and writing drop and add would silently lose the column's data.
     */
    Set<String> renameSuspects() {
        Set<String> suspects = new LinkedHashSet<>();
        for (SchemaDiff.Change removed : of(Kind.COLUMN, SchemaDiff.Action.REMOVED)) {
            for (SchemaDiff.Change added : of(Kind.COLUMN, SchemaDiff.Action.ADDED)) {
                SchemaObject old = removed.object();
                SchemaObject now = added.object();
                if (onKeptTable(old) && old.table().equals(now.table())
                        && java.util.Objects.equals(old.property("type"), now.property("type"))
                        && java.util.Objects.equals(old.property("nullable"), now.property("nullable"))
                        && java.util.Objects.equals(old.property("default"), now.property("default"))) {
                    suspects.add(old.table());
                }
            }
        }
        return suspects;
    }

    List<String> columnNames(SchemaModel model, String table, SchemaDiff.Action action) {
        List<String> names = new ArrayList<>();
        for (SchemaDiff.Change change : of(Kind.COLUMN, action)) {
            if (table.equals(change.object().table())) {
                names.add(change.object().shortName());
            }
        }
        return names;
    }
}
