package dev.migrate.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What differs from one schema ({@code before}) to another ({@code after}): objects added, removed and changed,
 * in the models' stable order (by kind, then name). Rendered as {@code + table quiz_answers},
 * {@code - index ix_old}, {@code ~ column questions.prompt: type varchar(200) -> text}.
 */
public record SchemaDiff(List<Change> changes) {
    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    public enum Action {
        ADDED("+"), REMOVED("-"), CHANGED("~");

        private final String sign;

        Action(String sign) {
            this.sign = sign;
        }

        public String sign() {
            return sign;
        }
    }

    /** One property that differs; either side is null where the object lacks the property. */
    public record Difference(String property, String before, String after) {
        @Override
        public String toString() {
            return property + " " + shown(before) + " -> " + shown(after);
        }

        /** On one line: a function's definition spans many. */
        private static String shown(String value) {
            return value == null ? "(none)" : value.strip().replaceAll("\\s+", " ");
        }
    }

    /** An object added, removed, or changed (with its differences); {@code before}/{@code after} null as fits. */
    public record Change(Action action, SchemaObject before, SchemaObject after, List<Difference> differences) {
        public Change {
            differences = List.copyOf(differences);
        }

        public SchemaObject object() {
            return after != null ? after : before;
        }

        /** One line: {@code ~ column questions.prompt: type varchar(200) -> text; nullable yes -> no}. */
        @Override
        public String toString() {
            String line = action.sign() + " " + object().kind().label() + " " + object().name();
            if (action != Action.CHANGED) {
                return line;
            }
            List<String> parts = differences.stream().map(Difference::toString).toList();
            return line + ": " + String.join("; ", parts);
        }
    }

    /** The changes that turn {@code before} into {@code after}. */
    public static SchemaDiff between(SchemaModel before, SchemaModel after) {
        Map<String, SchemaObject> old = before.byKey();
        Map<String, SchemaObject> now = after.byKey();
        Set<String> keys = new LinkedHashSet<>();
        // Walk both in the models' sorted order: the union stays sorted by kind and name.
        List<SchemaObject> all = new ArrayList<>(before.objects());
        all.addAll(after.objects());
        all.sort(java.util.Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::name));
        all.forEach(object -> keys.add(object.key()));
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            SchemaObject a = old.get(key);
            SchemaObject b = now.get(key);
            if (a == null) {
                changes.add(new Change(Action.ADDED, null, b, List.of()));
            } else if (b == null) {
                changes.add(new Change(Action.REMOVED, a, null, List.of()));
            } else {
                List<Difference> differences = differences(a, b);
                if (!differences.isEmpty()) {
                    changes.add(new Change(Action.CHANGED, a, b, differences));
                }
            }
        }
        return new SchemaDiff(changes);
    }

    private static List<Difference> differences(SchemaObject a, SchemaObject b) {
        Set<String> properties = new LinkedHashSet<>(a.properties().keySet());
        properties.addAll(b.properties().keySet());
        List<Difference> differences = new ArrayList<>();
        for (String property : properties) {
            if (!Objects.equals(a.property(property), b.property(property))) {
                differences.add(new Difference(property, a.property(property), b.property(property)));
            }
        }
        return differences;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * The changes a person reads: the columns, constraints, indexes and triggers of a table that is itself added or
     * removed go without saying. {@link #changes()} keeps them all, for the DDL writer.
     */
    public List<Change> shown() {
        Set<String> wholeTables = new java.util.HashSet<>();
        for (Change change : changes) {
            if (change.object().kind() == Kind.TABLE && change.action() != Action.CHANGED) {
                wholeTables.add(change.object().name());
            }
        }
        return changes.stream().filter(change -> change.object().table() == null
                || change.object().kind() == Kind.TABLE || !wholeTables.contains(change.object().table())).toList();
    }

    /** Every shown change on its own line, each indented by {@code indent}. */
    public List<String> lines(String indent) {
        return shown().stream().map(change -> indent + change).toList();
    }
}
