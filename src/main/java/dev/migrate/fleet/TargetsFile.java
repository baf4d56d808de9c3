package dev.migrate.fleet;

import dev.migrate.api.UsageException;
import dev.migrate.config.ConfigFile;
import dev.migrate.text.Similarity;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fleet's targets: {@code [targets.NAME]} tables, in {@code migrate.toml} or in a file of their own
 * ({@code --targets FILE}). Every problem is reported at once with its {@code file:line}, before any database is
 * touched; {@code ${NAME}} reads the environment, as in {@code migrate.toml}.
 */
public final class TargetsFile {
    static final List<String> KEYS = List.of("url", "groups", "schema", "schemas", "schemas_query", "version_table",
            "user", "password_file");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private TargetsFile() {
    }

    /** The entries in file order; a file with no {@code [targets.*]} table is an error that says how to write one. */
    public static List<TargetEntry> read(Path path, Map<String, String> environment) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(path);
        } catch (IOException e) {
            throw new UsageException("Cannot read the targets file " + path + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (TomlParseError error : toml.errors()) {
            problems.add(path + ":" + error.position().line() + ": " + error.getMessage());
        }
        List<TargetEntry> entries = new ArrayList<>();
        if (problems.isEmpty()) {
            Object targets = toml.get(ConfigFile.TARGETS);
            if (targets == null) {
                throw new UsageException(path + " has no targets. Describe each database as a table, for example:\n"
                        + "  [targets.eu]\n  url = \"jdbc:postgresql://eu-db/app\"\n  groups = [\"prod\"]\n"
                        + "  [targets.tenants]\n  url = \"jdbc:postgresql://db/app\"\n"
                        + "  schemas_query = \"SELECT schema_name FROM tenants ORDER BY 1\"");
            }
            if (!(targets instanceof TomlTable table)) {
                problems.add(path + ":" + line(toml.inputPositionOf(ConfigFile.TARGETS))
                        + ": 'targets' must be a table of tables: [targets.NAME]");
            } else {
                // File order, which is the order targets run in: the table's own key order is not specified.
                List<String> names = new ArrayList<>(table.keySet());
                names.sort(java.util.Comparator.comparingInt((String name) -> line(table.inputPositionOf(name)))
                        .thenComparing(name -> name));
                for (String name : names) {
                    entry(path, table, name, environment, problems, entries);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException("Invalid targets in " + path + ":\n  " + String.join("\n  ", problems));
        }
        return entries;
    }

    private static void entry(Path path, TomlTable targets, String name, Map<String, String> environment,
                              List<String> problems, List<TargetEntry> entries) {
        String where = path + ":" + line(targets.inputPositionOf(name));
        if (!(targets.get(name) instanceof TomlTable table)) {
            problems.add(where + ": target '" + name + "' must be a table: [targets." + name + "]");
            return;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add(where + ": target name '" + name + "' may hold letters, digits, '_', '.' and '-' only");
        }
        Values values = new Values(path, name, table, environment, problems);
        for (String key : table.keySet()) {
            if (!KEYS.contains(key)) {
                List<String> close = Similarity.closest(key, KEYS, 1);
                problems.add(values.where(key) + ": unknown key '" + key + "' in target '" + name + "'"
                        + (close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)")
                        + "; known keys: " + String.join(", ", KEYS));
            }
        }
        String schema = values.string("schema");
        List<String> schemas = values.strings("schemas");
        String query = values.string("schemas_query");
        int given = (schema != null ? 1 : 0) + (schemas != null ? 1 : 0) + (query != null ? 1 : 0);
        if (given > 1) {
            problems.add(where + ": target '" + name + "' sets more than one of schema, schemas and schemas_query; "
                    + "keep one");
        }
        if (schemas != null && schemas.isEmpty()) {
            problems.add(values.where("schemas") + ": target '" + name + "' lists no schemas");
        }
        List<String> groups = values.strings("groups");
        String passwordFile = values.string("password_file");
        entries.add(new TargetEntry(name, values.string("url"), groups == null ? List.of() : groups, schema, schemas,
                query, values.string("version_table"), values.string("user"),
                passwordFile == null ? null : Path.of(passwordFile), where));
    }

    /** Reads typed values from one target's table, adding a problem for each of the wrong type. */
    private record Values(Path path, String name, TomlTable table, Map<String, String> environment,
                          List<String> problems) {
        String where(String key) {
            return path + ":" + line(table.inputPositionOf(key));
        }

        String string(String key) {
            Object value = table.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof String text)) {
                problems.add(where(key) + ": key '" + key + "' of target '" + name + "' must be a string");
                return null;
            }
            return ConfigFile.expand(text, environment, where(key) + ": key '" + key + "'", problems);
        }

        List<String> strings(String key) {
            Object value = table.get(key);
            if (value == null) {
                return null;
            }
            List<String> list = new ArrayList<>();
            if (value instanceof TomlArray array) {
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof String text)) {
                        problems.add(where(key) + ": key '" + key + "' of target '" + name
                                + "' must be a list of strings");
                        return null;
                    }
                    list.add(ConfigFile.expand(text, environment, where(key) + ": key '" + key + "'", problems));
                }
                return list;
            }
            problems.add(where(key) + ": key '" + key + "' of target '" + name + "' must be a list of strings, "
                    + "such as [\"a\", \"b\"]");
            return null;
        }
    }

    private static int line(TomlPosition position) {
        return position == null ? 0 : position.line();
    }
}
