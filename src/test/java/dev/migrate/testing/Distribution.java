package dev.migrate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distribution built by {@code mvn package} ({@code target/migrate-VERSION.tar.gz}), unpacked with the system's
 * {@code tar} the way a user unpacks it, and its launcher run as a separate process through {@code /bin/sh}, so
 * {@code migrate} is found on {@code PATH} exactly as a shell finds it.
 */
public final class Distribution {
    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** The tarball this build produced (Failsafe passes its path). */
    public static Path tarball() {
        return Path.of(System.getProperty("migrate.dist.tar", "target/migrate.tar.gz")).toAbsolutePath();
    }

    /** The zip this build produced. */
    public static Path zip() {
        return Path.of(System.getProperty("migrate.dist.zip", "target/migrate.zip")).toAbsolutePath();
    }

    /** Unpacks the tarball into {@code folder} and returns the one top-level folder it holds. */
    public static Distribution unpack(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Result tar = run(folder, Map.of("PATH", System.getenv("PATH")), "tar", "-xzf", tarball().toString());
        if (tar.exitCode() != 0) {
            throw new AssertionError("tar failed: " + tar);
        }
        return new Distribution(onlyFolderIn(folder));
    }

    /** The folder a zip or tarball unpacked into: exactly one, {@code migrate-VERSION}. */
    public static Path onlyFolderIn(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.toList();
            if (all.size() != 1 || !Files.isDirectory(all.get(0))) {
                throw new AssertionError("expected one folder in " + folder + ", found " + all);
            }
            return all.get(0);
        }
    }

    public Path home() {
        return home;
    }

    public Path bin() {
        return home.resolve("bin");
    }

    public Path launcher() {
        return bin().resolve("migrate");
    }

    /** {@code migrate-VERSION} without the prefix. */
    public String version() {
        return home.getFileName().toString().substring("migrate-".length());
    }

    /** The folder of the Java running the tests (17 or newer), for {@code PATH}. */
    public static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin");
    }

    /**
     * An environment a user's shell might have: {@code PATH} with the given folders first, then this JVM's java,
     * then the system's; a home of its own; the cache where the test wants it; no {@code JAVA_HOME}.
     */
    public static Map<String, String> environment(Path home, Path cache, Path... pathFirst) {
        Map<String, String> environment = new HashMap<>();
        List<String> path = new ArrayList<>();
        for (Path folder : pathFirst) {
            path.add(folder.toString());
        }
        path.add(javaBin().toString());
        path.add(System.getenv("PATH"));
        environment.put("PATH", String.join(":", path));
        environment.put("HOME", home.toString());
        if (cache != null) {
            environment.put("XDG_CACHE_HOME", cache.toString());
        }
        return environment;
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code command} through {@code /bin/sh -c} in {@code folder}, with exactly {@code environment}. */
    public static Result shell(Path folder, Map<String, String> environment, String command)
            throws IOException, InterruptedException {
        return run(folder, environment, "/bin/sh", "-c", command);
    }

    /** Starts {@code command} through {@code /bin/sh -c} without waiting; output goes to files in {@code logs}. */
    public static Process start(Path folder, Map<String, String> environment, String command, Path logs)
            throws IOException {
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(folder.toFile())
                .redirectOutput(logs.resolve("out.txt").toFile()).redirectError(logs.resolve("err.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits for a process {@link #start}ed with {@code logs}, and reads what it printed. */
    public static Result finish(Process process, Path logs) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the process did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(logs.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static Result run(Path folder, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path logs = Files.createTempDirectory("migrate-process-");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(logs.resolve("out.txt").toFile()).redirectError(logs.resolve("err.txt").toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            return finish(builder.start(), logs);
        } finally {
            Files.deleteIfExists(logs.resolve("out.txt"));
            Files.deleteIfExists(logs.resolve("err.txt"));
            Files.deleteIfExists(logs);
        }
    }

    /** Copies the repository's sample migrations ({@code migrations/}, SQL and Java) into {@code project/migrations}. */
    public static int copySampleMigrations(Path project) throws IOException {
        Path target = Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            List<Path> sample = files.filter(f -> f.toString().endsWith(".sql") || f.toString().endsWith(".java"))
                    .toList();
            for (Path file : sample) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
            return sample.size();
        }
    }

    /** Every path under {@code folder}, relative, with its size: to see that a run changed nothing there. */
    public static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.map(p -> folder.relativize(p) + (Files.isRegularFile(p) ? " " + p.toFile().length() : "/"))
                    .sorted().toList();
        }
    }
}
