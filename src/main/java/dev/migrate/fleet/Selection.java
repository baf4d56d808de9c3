package dev.migrate.fleet;

import dev.migrate.api.UsageException;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.MigrateConfig;
import dev.migrate.text.Similarity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which targets a command runs on: {@code --target NAME} (an entry, or one {@code NAME/SCHEMA}), {@code --group G},
 * or {@code --all}; names and groups add up. A name or group the file does not have is an error, never an empty
 * fleet: a typo must not turn a deploy into a silent no-op.
 */
public record Selection(List<String> names, List<String> groups, boolean all) {
    public Selection {
        names = List.copyOf(names);
        groups = List.copyOf(groups);
    }

    /**
     * The selected targets in file order, each once. Entries with {@code schemas_query} are expanded by
     * {@code schemas}, which connects to their database.
     */
    public List<FleetTarget> resolve(MigrateConfig base, List<TargetEntry> entries, SchemaQuery schemas) {
        if (!all && names.isEmpty() && groups.isEmpty()) {
            throw new UsageException("Name the targets to run on: --target NAME, --group GROUP or --all (the "
                    + "targets file has " + entries.size() + (entries.size() == 1 ? " entry" : " entries") + ": "
                    + preview(entries.stream().map(TargetEntry::name).toList()) + ").");
        }
        requireKnown(entries);
        List<TargetEntry> chosen = entries.stream().filter(this::selectsEntry).toList();
        Set<String> schemaNames = new LinkedHashSet<>();
        for (String name : names) {
            if (name.contains("/")) {
                schemaNames.add(name);
            }
        }
        List<FleetTarget> targets = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        for (TargetEntry entry : chosen) {
            ConnectionSettings connection = TargetConfigs.connection(base, entry);
            boolean whole = all || names.contains(entry.name()) || entry.groups().stream().anyMatch(groups::contains);
            List<String> entrySchemas = entry.schemas() != null ? entry.schemas()
                    : entry.schemasQuery() != null ? schemas.list(entry, connection) : null;
            if (entrySchemas == null) {
                targets.add(TargetConfigs.target(base, entry, connection, entry.schema()));
                continue;
            }
            for (String schema : new LinkedHashSet<>(entrySchemas)) {
                String name = entry.name() + "/" + schema;
                if (whole || schemaNames.contains(name)) {
                    targets.add(TargetConfigs.target(base, entry, connection, schema));
                    found.add(name);
                }
            }
        }
        for (String name : schemaNames) {
            if (!found.contains(name)) {
                String entry = name.substring(0, name.indexOf('/'));
                throw new UsageException("Target '" + entry + "' has no schema '" + name.substring(entry.length() + 1)
                        + "'" + (entries.stream().anyMatch(e -> e.name().equals(entry) && e.schemasQuery() != null)
                        ? " (its schemas_query did not return it)" : "") + ".");
            }
        }
        return targets;
    }

    private boolean selectsEntry(TargetEntry entry) {
        return all || names.contains(entry.name()) || entry.groups().stream().anyMatch(groups::contains)
                || names.stream().anyMatch(name -> name.startsWith(entry.name() + "/") && entry.perSchema());
    }

    private void requireKnown(List<TargetEntry> entries) {
        List<String> known = entries.stream().map(TargetEntry::name).toList();
        for (String name : names) {
            String entry = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            if (!known.contains(entry)) {
                throw new UsageException("No target named '" + entry + "'" + suggestion(entry, known)
                        + "; the targets are " + preview(known) + ".");
            }
            if (!entry.equals(name) && entries.stream().noneMatch(e -> e.name().equals(entry) && e.perSchema())) {
                throw new UsageException("Target '" + entry + "' is one database, not a list of schemas: select it as "
                        + "--target " + entry + ".");
            }
        }
        List<String> knownGroups = entries.stream().flatMap(e -> e.groups().stream()).distinct().toList();
        for (String group : groups) {
            if (!knownGroups.contains(group)) {
                throw new UsageException("No target is in group '" + group + "'" + suggestion(group, knownGroups)
                        + (knownGroups.isEmpty() ? "; no target has groups." : "; the groups are "
                        + preview(knownGroups) + "."));
            }
        }
    }

    private static String suggestion(String name, List<String> known) {
        List<String> close = Similarity.closest(name, known, 1);
        return close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)";
    }

    /** Up to ten names; a fleet of thousands must not flood an error message. */
    private static String preview(List<String> names) {
        return String.join(", ", names.stream().limit(10).toList())
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }

    /** Runs an entry's {@code schemas_query}; returns the schema names in the query's order. */
    @FunctionalInterface
    public interface SchemaQuery {
        List<String> list(TargetEntry entry, ConnectionSettings connection);
    }
}
