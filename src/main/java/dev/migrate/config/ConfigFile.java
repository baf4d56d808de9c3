package dev.migrate.config;

import dev.migrate.api.UsageException;
import dev.migrate.text.Similarity;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code migrate.toml}: what would otherwise be repeated on every command line. Values are strings (or a list of
 * strings for {@code classpath}, numbers for the timeouts) and may reference the environment as {@code ${NAME}}.
 * An invalid file, an unknown key or an undefined variable is an error naming the file, line and key.
 */
public final class ConfigFile {
    public static final String DEFAULT_NAME = "migrate.toml";
    /** The table of a fleet's targets, {@code [targets.NAME]}; see {@code dev.migrate.fleet.TargetsFile}. */
    public static final String TARGETS = "targets";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One value from the file, as text, with the line it is on. */
    /**
     * A setting's value and its line. For {@code url} only, {@code unset} says which {@code ${VARIABLE}} it names is
     * not set (and the value is null): the error waits for a command that needs the database, so that {@code check},
     * {@code heads} or {@code revision} still run on a machine without it.
     */
    public record Entry(String value, int line, String unset) {
        public Entry(String value, int line) {
            this(value, line, null);
        }
    }

    private final Path path;
    private final Map<Setting, Entry> entries;

    private ConfigFile(Path path, Map<Setting, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    public Path path() {
        return path;
    }

    public Entry get(Setting setting) {
        return entries.get(setting);
    }

    public static ConfigFile read(Path path, Map<String, String> environment) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(path);
        } catch (IOException e) {
            throw new UsageException("Cannot read the configuration file " + path + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (TomlParseError error : toml.errors()) {
            problems.add(path + ":" + error.position().line() + ": " + error.getMessage());
        }
        Map<Setting, Entry> entries = new EnumMap<>(Setting.class);
        if (problems.isEmpty()) {
            for (String key : toml.dottedKeySet()) {
                if (key.equals(TARGETS) || key.startsWith(TARGETS + ".")) {
                    continue; // a fleet's targets: the fleet package reads them
                }
                int line = line(toml.inputPositionOf(key));
                Setting setting = Setting.forKey(key);
                if (setting == null) {
                    List<String> close = Similarity.closest(key, Setting.keys(), 1);
                    problems.add(path + ":" + line + ": unknown key '" + key + "'"
                            + (close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)")
                            + "; known keys: " + String.join(", ", Setting.keys()));
                    continue;
                }
                Object value = toml.get(key);
                String text = text(setting, value);
                if (text == null) {
                    problems.add(path + ":" + line + ": key '" + key + "' must be "
                            + (setting == Setting.CLASSPATH ? "a string or a list of strings"
                            : setting == Setting.LOCK_TIMEOUT || setting == Setting.WAIT ? "a number of seconds"
                            : "a string"));
                    continue;
                }
                List<String> unset = new ArrayList<>();
                String expanded = expand(text, environment, path + ":" + line + ": key '" + key + "'", unset);
                if (unset.isEmpty()) {
                    entries.put(setting, new Entry(expanded, line));
                } else if (setting == Setting.URL) {
                    entries.put(setting, new Entry(null, line, String.join("; ", unset)));
                } else {
                    problems.addAll(unset);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException("Invalid configuration file " + path + ":\n  " + String.join("\n  ", problems));
        }
        return new ConfigFile(path, entries);
    }

    private static int line(TomlPosition position) {
        return position == null ? 0 : position.line();
    }

    /** The value as the text an option would carry; null when its type does not fit the setting. */
    private static String text(Setting setting, Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Long number && (setting == Setting.LOCK_TIMEOUT || setting == Setting.WAIT)) {
            return number.toString();
        }
        if (value instanceof TomlArray array && setting == Setting.CLASSPATH) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String part)) {
                    return null;
                }
                parts.add(part);
            }
            return String.join(java.io.File.pathSeparator, parts);
        }
        return null;
    }

    /** Replaces each {@code ${NAME}} with the environment's value; an unset one is added to {@code problems}. */
    public static String expand(String text, Map<String, String> environment, String where, List<String> problems) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String value = environment.get(reference.group(1));
            if (value == null) {
                problems.add(where + " references ${" + reference.group(1) + "}, which is not set in the environment");
                value = "";
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        reference.appendTail(out);
        return out.toString();
    }

    /** The file to read: the one named, or {@code migrate.toml} in the current folder if there is one. */
    public static Path locate(Path named) {
        if (named != null) {
            if (!Files.isRegularFile(named)) {
                throw new UsageException("The configuration file " + named + " does not exist.");
            }
            return named;
        }
        Path here = Path.of(DEFAULT_NAME);
        return Files.isRegularFile(here) ? here : null;
    }
}
