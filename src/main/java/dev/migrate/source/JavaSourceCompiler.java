package dev.migrate.source;

import dev.migrate.api.JavaMigration;
import dev.migrate.api.Problem;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Compiles {@code .java} migrations with the JDK's own compiler and caches the classes by the source's content hash,
 * so a second run with unchanged sources compiles nothing. Compile errors come back as problems, like a compiler
 * reports them ({@code file:line: message}).
 */
public final class JavaSourceCompiler {
    private final Path cacheDir;
    private final List<Path> classpath;
    private final ClassLoader parent;
    private final Consumer<Path> onCompile;

    /**
     * @param cacheDir  where compiled classes are kept, one folder per content hash
     * @param classpath extra entries the migrations compile and run against (the API is always there)
     * @param parent    the class loader the compiled migrations see (the API and the classpath)
     * @param onCompile told about each file that had to be compiled (not found in the cache)
     */
    public JavaSourceCompiler(Path cacheDir, List<Path> classpath, ClassLoader parent, Consumer<Path> onCompile) {
        this.cacheDir = cacheDir;
        this.classpath = List.copyOf(classpath);
        this.parent = parent;
        this.onCompile = onCompile;
    }

    public JavaMigrationClass.Result load(Path source) {
        String name = source.toString();
        try {
            byte[] content = Files.readAllBytes(source);
            Path classes = cacheDir.resolve(hash(content));
            if (!Files.isDirectory(classes)) {
                List<Problem> problems = compile(source, classes);
                if (!problems.isEmpty()) {
                    return new JavaMigrationClass.Result(null, problems);
                }
            }
            String simpleName = source.getFileName().toString().replaceFirst("\\.java$", "");
            Optional<String> binaryName = findClass(classes, simpleName);
            if (binaryName.isEmpty()) {
                return new JavaMigrationClass.Result(null, List.of(new Problem(name, 0, null,
                        "declares no top-level class named " + simpleName + "; the class must be named like its file")));
            }
            // One loader per migration: classes of two files may share a simple name in different packages.
            @SuppressWarnings("resource")
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent);
            return JavaMigrationClass.read(Class.forName(binaryName.get(), false, loader), name);
        } catch (IOException e) {
            return new JavaMigrationClass.Result(null, List.of(new Problem(name, 0, null, "cannot be compiled or "
                    + "loaded: " + e.getMessage())));
        } catch (ClassNotFoundException | LinkageError e) {
            return new JavaMigrationClass.Result(null, List.of(new Problem(name, 0, null, "cannot be loaded: " + e)));
        }
    }

    private List<Problem> compile(Path source, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return List.of(new Problem(source.toString(), 0, null, "Java migrations are compiled with the JDK's "
                    + "compiler, and the Java running migrate (" + System.getProperty("java.home") + ") has none: "
                    + "it is a JRE. Run migrate with a JDK (for example the openjdk-17-jdk-headless package), or "
                    + "compile the migration into a jar and pass it with --classpath."));
        }
        onCompile.accept(source);
        CacheFolder.prepare(cacheDir);
        Path scratch = Files.createTempDirectory(cacheDir, ".compiling-");
        try {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            boolean compiled;
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                List<String> options = List.of("-d", scratch.toString(), "-classpath", compileClasspath(),
                        "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-g", "-nowarn");
                compiled = compiler.getTask(null, files, diagnostics, options, null,
                        files.getJavaFileObjects(source)).call();
            }
            if (!compiled) {
                List<Problem> problems = new ArrayList<>();
                for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                    if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                        problems.add(new Problem(source.toString(), (int) Math.max(0, diagnostic.getLineNumber()), null,
                                "error: " + diagnostic.getMessage(Locale.ROOT)));
                    }
                }
                return problems.isEmpty() ? List.of(new Problem(source.toString(), 0, null, "does not compile"))
                        : problems;
            }
            try {
                // Publish whole or not at all: a concurrent run either finds the finished folder or compiles again.
                Files.move(scratch, classes, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(classes)) {
                    throw e;
                }
            }
            return List.of();
        } finally {
            deleteRecursively(scratch);
        }
    }

    private String compileClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(locationOf(JavaMigration.class));
        for (Path entry : classpath) {
            entries.add(entry.toAbsolutePath().toString());
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return System.getProperty("java.class.path", "");
        }
    }

    private static Optional<String> findClass(Path classes, String simpleName) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(f -> f.getFileName().toString().equals(simpleName + ".class"))
                    .map(f -> classes.relativize(f).toString().replaceFirst("\\.class$", "")
                            .replace(File.separatorChar, '.'))
                    .findFirst();
        }
    }

    /** The cache key: the source, and what the compiled classes depend on (migrate's version, the Java release). */
    private static String hash(byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String version = JavaSourceCompiler.class.getPackage().getImplementationVersion();
            digest.update(("migrate " + version + " java " + Runtime.version().feature() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(content);
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover scratch folder is harmless: its name starts with a dot and no key matches it.
        }
    }
}
