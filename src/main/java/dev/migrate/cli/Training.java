package dev.migrate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The launchers' training run, whose loaded classes make the class-data-sharing archive: the commands a user runs
 * most, on a throwaway SQLite database in the current folder (whose {@code migrate.toml} names it, so the settings
 * file's classes are recorded too), then every class listed in {@code training-classes.txt}, loaded by name: the
 * PostgreSQL driver, the pool and the JSON output, which a training run without a server cannot reach by running
 * commands.
 * Without them, a PostgreSQL command loaded some 400 classes from the jar on every start.
 */
public final class Training {
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"upgrade", "head", "-q"},
            new String[] {"current"},
            new String[] {"history"},
            new String[] {"status", "--format", "json"});

    private Training() {
    }

    public static void main(String[] args) throws IOException {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int failed = 0;
        for (String[] command : COMMANDS) {
            failed += Main.run(command, System.getenv(), discard, discard) == 0 ? 0 : 1;
        }
        // java.util.logging, set up only when a command uses PostgreSQL, which this run cannot reach.
        Logging.routeDriverLogging(false);
        ClassLoader loader = Training.class.getClassLoader();
        try (InputStream list = Training.class.getResourceAsStream("training-classes.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    load(line.strip(), loader);
                }
            }
        }
        // A failed command means a broken training set-up: no archive is better than one of the wrong classes.
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // Renamed or gone since the list was made: the archive simply lacks it.
        }
    }
}
