package dev.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar as its own process, on the sample project's migrations, as the README quickstart runs it. */
class JarEndToEndIT {
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("migrate.jar", "target/migrate.jar")));
        command.addAll(List.of(args));
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "migrate did not finish");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void quickstartOnTheSampleProject(@TempDir Path workDir) throws Exception {
        Path migrations = workDir.resolve("migrations");
        Files.createDirectories(migrations);
        List<Path> sample;
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            sample = files.filter(f -> f.toString().endsWith(".sql") || f.toString().endsWith(".java")).toList();
        }
        for (Path file : sample) {
            Files.copy(file, migrations.resolve(file.getFileName()));
        }

        Run upgrade = run(workDir, "upgrade", "head");
        assertEquals(0, upgrade.exitCode(), upgrade.err());
        assertEquals(sample.size(), upgrade.out().lines().filter(l -> l.startsWith("Running upgrade")).count(), upgrade.out());
        assertTrue(Files.exists(workDir.resolve("migrate.db")), "the default database is migrate.db in the current folder");
        assertTrue(upgrade.out().contains("INFO: backfilled 2 prompt digests"), upgrade.out());
        assertTrue(upgrade.err().contains("Compiling"), upgrade.err());
        Run again = run(workDir, "history");
        assertEquals(0, again.exitCode(), again.err());
        assertFalse(again.err().contains("Compiling"), "the second run compiles nothing: the class comes from "
                + ".migrate/cache; stderr was: " + again.err());

        Run current = run(workDir, "current");
        assertEquals(0, current.exitCode(), current.err());
        assertTrue(current.out().trim().endsWith("(head)"), current.out());

        Run check = run(workDir, "check");
        assertEquals(0, check.exitCode(), check.out());

        Run bad = run(workDir, "downgrade");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("downgrade needs a TARGET") && bad.err().contains("downgrade -1"), bad.err());
        assertEquals(2, bad.err().lines().count(), "the error and one usage line: " + bad.err());
    }
}
