package dev.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output that cannot be written is never a silent success: a full disk fails the command, a closed pipe ends it. */
class OutputErrorsIT {
    private static ProcessBuilder migrate(Path work, String... args) throws IOException {
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(migrations.resolve("r" + i + ".sql"), "-- revision: r" + i + "\n-- down_revision: "
                    + (i == 1 ? "none" : "r" + (i - 1)) + "\n\n-- migrate:upgrade\nCREATE TABLE t" + i + " (id INTEGER);\n");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("migrate.jar", "target/migrate.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(work.toFile());
    }

    @Test
    void aFullDiskFailsTheCommandAndSaysSo(@TempDir Path work) throws Exception {
        File full = new File("/dev/full");
        if (!full.exists()) {
            return; // not Linux: nothing to write to that is always full
        }
        Path err = work.resolve("err.txt");
        Process process = migrate(work, "heads").redirectOutput(full).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), said);
        assertTrue(said.contains("error: the output could not be written whole (") && said.contains("incomplete"),
                said);
    }

    @Test
    void aClosedPipeEndsTheCommandQuietlyAsSigpipeWould(@TempDir Path work) throws Exception {
        Path err = work.resolve("err.txt");
        Process process = migrate(work, "heads").redirectError(err.toFile()).start();
        process.getInputStream().close(); // the reader goes away before migrate writes, as `| head -0` would
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(141, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
    }
}
