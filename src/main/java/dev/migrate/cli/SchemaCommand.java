package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.schema.DatabaseSchema;
import dev.migrate.schema.Kind;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.SchemaObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Print the database's schema as migrate reads it: the model that drift and revision --autogenerate compare.",
        "PostgreSQL: one schema (--schema, default the first of the search path); SQLite: the whole file. Each "
                + "table is followed by its columns, constraints, indexes and triggers; migrate's own tables are left "
                + "out. Reads only: nothing is written, and no migrations folder is needed."})
final class SchemaCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        boolean json = format.json();
        DatabaseSchema schema = root.migrator().inspectSchema();
        if (json) {
            root.printer().result(Json.write(SchemaJson.schema(schema)));
        } else {
            lines(schema).forEach(root.printer()::result);
        }
        return ExitCodes.OK;
    }

    /** A heading, then each object on one line, a table's own objects indented under it. */
    static List<String> lines(DatabaseSchema schema) {
        SchemaModel model = schema.model();
        List<String> lines = new ArrayList<>();
        lines.add(schema.database() + (model.schema() == null ? "" : ", schema " + model.schema()) + ": "
                + summary(model));
        for (SchemaObject object : model.objects()) {
            if (object.table() != null) {
                continue; // listed under its table
            }
            lines.add(line(object));
            if (object.kind() == Kind.TABLE) {
                for (Kind kind : List.of(Kind.COLUMN, Kind.CONSTRAINT, Kind.INDEX, Kind.TRIGGER)) {
                    model.ofTable(kind, object.name()).forEach(child -> lines.add("  " + line(child)));
                }
            }
        }
        return lines;
    }

    /** {@code column quizzes.title: type text; nullable no}, as the diff names objects and properties. */
    private static String line(SchemaObject object) {
        String name = object.table() != null ? object.shortName() : object.name();
        List<String> properties = new ArrayList<>();
        object.properties().forEach((property, value) -> properties.add(property + " " + value.strip()
                .replaceAll("\\s+", " ")));
        return object.kind().label() + " " + name + (properties.isEmpty() ? "" : ": " + String.join("; ", properties));
    }

    /** {@code 3 tables, 12 columns, 1 view}, or {@code empty}. */
    private static String summary(SchemaModel model) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        model.objects().forEach(object -> counts.merge(object.kind(), 1, Integer::sum));
        if (counts.isEmpty()) {
            return "empty";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(count + " " + plural(kind.label(), count)));
        return String.join(", ", parts);
    }

    private static String plural(String label, int count) {
        if (count == 1) {
            return label;
        }
        return label.endsWith("x") ? label.substring(0, label.length() - 1) + "ices" : label + "s";
    }
}
