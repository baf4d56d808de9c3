package dev.migrate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds the dependency arrows of docs/architecture.md: each package may use only the packages listed for it. */
class ArchitectureTest {
    private static final String ROOT = "(root)";
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("api", Set.of()),
            Map.entry("text", Set.of()),
            Map.entry("sql", Set.of()),
            Map.entry("graph", Set.of("api", "text")),
            Map.entry("config", Set.of("api", "text")),
            Map.entry("source", Set.of("api", "graph", "sql", "text")),
            Map.entry("db", Set.of("api", "config", "graph", "sql", "text")),
            Map.entry("engine", Set.of("api", "db", "graph", "source", "sql")),
            Map.entry("offline", Set.of("api", "db", "engine", "graph", "source", "sql", "text")),
            Map.entry("schema", Set.of()),
            Map.entry("importer", Set.of("api", "text")),
            Map.entry(ROOT, Set.of("api", "text", "sql", "graph", "config", "source", "db", "engine", "offline",
                    "schema", "importer")),
            Map.entry("fleet", Set.of(ROOT, "api", "config", "db", "text")),
            Map.entry("cli", Set.of(ROOT, "api", "config", "db", "schema", "fleet")));
    /** A class of a package, or a whole package through a wildcard import ({@code dev.migrate.db.*}). */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.migrate\\.(?:([a-z]+)\\.)?([A-Z]\\w*|\\*)");

    @Test
    void packagesDependOnlyInTheDocumentedDirection() throws IOException {
        Path sources = Path.of("src/main/java/dev/migrate");
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                Path relative = sources.relativize(file);
                String from = relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
                assertTrue(ALLOWED.containsKey(from), "package " + from + " is not in the architecture table");
                violations.addAll(violations(from, sources.relativize(file).toString(), Files.readAllLines(file)));
            }
        }
        assertTrue(files > 50, "the scan found the sources");
        assertEquals(List.of(), violations);
    }

    /**
     * picocli and Jackson are optional dependencies of the library (pom.xml): an application that embeds migrate
     * does not get them, so only the CLI, which the shaded jar ships with them, may use them.
     */
    @Test
    void onlyTheCliUsesTheCliOnlyLibraries() throws IOException {
        Path sources = Path.of("src/main/java/dev/migrate");
        Pattern cliOnly = Pattern.compile("\\b(picocli|com\\.fasterxml\\.jackson)\\.");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (sources.relativize(file).startsWith("cli")) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    if (cliOnly.matcher(line).find()) {
                        violations.add(sources.relativize(file) + ": " + line.trim());
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void wildcardImportsAndQualifiedNamesAreSeen() {
        List<String> lines = List.of("import dev.migrate.db.*;", "import static dev.migrate.engine.Executor.describe;",
                "    dev.migrate.cli.Main.run(args);", " * {@link dev.migrate.db.Dialect} in documentation is fine",
                "import dev.migrate.api.Problem;", "import dev.migrate.*;");
        assertEquals(List.of("X.java (graph) uses db: import dev.migrate.db.*;",
                "X.java (graph) uses engine: import static dev.migrate.engine.Executor.describe;",
                "X.java (graph) uses cli: dev.migrate.cli.Main.run(args);",
                "X.java (graph) uses (root): import dev.migrate.*;"), violations("graph", "X.java", lines));
    }

    private static List<String> violations(String from, String file, List<String> lines) {
        List<String> violations = new ArrayList<>();
        for (String line : lines) {
            String code = line.trim();
            if (code.startsWith("package ") || code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                continue; // a link in documentation is not a dependency
            }
            Matcher reference = REFERENCE.matcher(line);
            while (reference.find()) {
                String to = reference.group(1) == null ? ROOT : reference.group(1);
                if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
                    violations.add(file + " (" + from + ") uses " + to + ": " + code);
                }
            }
        }
        return violations;
    }
}
