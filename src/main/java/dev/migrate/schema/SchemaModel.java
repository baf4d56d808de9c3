package dev.migrate.schema;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database's schema as plain values: every object of one PostgreSQL schema, or of a whole SQLite database, except
 * migrate's own tables. Two models of the same dialect compare with {@link SchemaDiff#between}.
 *
 * @param dialect {@code sqlite} or {@code postgresql}
 * @param schema  the PostgreSQL schema that was read (the search path's first when none was named); null for SQLite
 */
public record SchemaModel(String dialect, String schema, List<SchemaObject> objects) {
    /** Sorted by kind then name, so that every rendering of a model or a diff is stable. */
    public SchemaModel {
        objects = objects.stream()
                .sorted(Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::name))
                .toList();
    }

    public Map<String, SchemaObject> byKey() {
        Map<String, SchemaObject> byKey = new LinkedHashMap<>();
        objects.forEach(object -> byKey.put(object.key(), object));
        return byKey;
    }

    public List<SchemaObject> ofKind(Kind kind) {
        return objects.stream().filter(object -> object.kind() == kind).toList();
    }

    /** The objects of {@code kind} that belong to {@code table}, in column order for columns. */
    public List<SchemaObject> ofTable(Kind kind, String table) {
        return objects.stream().filter(object -> object.kind() == kind && table.equals(object.table()))
                .sorted(Comparator.comparingInt(SchemaObject::position).thenComparing(SchemaObject::name))
                .toList();
    }

    public SchemaObject get(Kind kind, String name) {
        return objects.stream().filter(o -> o.kind() == kind && o.name().equals(name)).findFirst().orElse(null);
    }
}
