package dev.migrate.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders views (and materialized views) so that each comes after the ones it reads: a view built on another view
 * cannot be created before it, and the other cannot be dropped while it stands. Ties keep name order, so a file
 * generated twice from the same schemas is the same file.
 */
final class DependencyOrder {
    private DependencyOrder() {
    }

    /** {@code objects} with every object after those of them it depends on; dependencies outside the list are ignored. */
    static List<SchemaObject> creating(List<SchemaObject> objects) {
        Map<String, SchemaObject> pending = new LinkedHashMap<>();
        objects.stream().sorted(Comparator.comparing(SchemaObject::name))
                .forEach(object -> pending.put(object.name(), object));
        List<SchemaObject> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            SchemaObject ready = pending.values().stream()
                    .filter(object -> object.dependsOn().stream().noneMatch(d -> isWaiting(pending, object, d)))
                    .findFirst()
                    // A cycle cannot exist in a database; should the model hold one, keep name order for the rest.
                    .orElse(pending.values().iterator().next());
            ordered.add(ready);
            pending.remove(ready.name());
        }
        return ordered;
    }

    /** The order to drop {@code objects} in: dependents first. */
    static List<SchemaObject> dropping(List<SchemaObject> objects) {
        List<SchemaObject> ordered = new ArrayList<>(creating(objects));
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    /**
     * The names of {@code roots} and of every view or materialized view of {@code model} that reads one of them,
     * directly or through other views: what must be dropped (and re-created) for any of {@code roots} to change.
     */
    static Set<String> dependentsOf(SchemaModel model, Set<String> roots) {
        Set<String> closed = new java.util.HashSet<>();
        closed.addAll(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SchemaObject object : model.objects()) {
                if ((object.kind() == Kind.VIEW || object.kind() == Kind.MATERIALIZED_VIEW)
                        && !closed.contains(object.name()) && object.dependsOn().stream().anyMatch(closed::contains)) {
                    closed.add(object.name());
                    grew = true;
                }
            }
        }
        return closed;
    }

    private static boolean isWaiting(Map<String, SchemaObject> pending, SchemaObject object, String dependency) {
        return !dependency.equals(object.name()) && pending.containsKey(dependency);
    }
}
