package dev.migrate.offline;

import dev.migrate.testing.LargeMigrationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code upgrade --sql} on a 100 MB migration, run by the CLI's own main class in a JVM whose heap is far smaller than
 * the file: if the script (or the file) were held whole, the child would die of OutOfMemoryError instead of writing
 * every statement. Before the script streamed, this needed a heap of several times the file's size.
 */
class LargeOfflineScriptTest {
    private static final long TARGET_BYTES = 100L * 1024 * 1024;

    @Test
    void hundredMegabyteUpgradeScriptStreamsInBoundedMemory(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Path file = migrations.resolve("001_big.sql");
        long statements = LargeMigrationFile.write(file, TARGET_BYTES);

        Path script = dir.resolve("upgrade.sql");
        Path errors = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), "dev.migrate.cli.Main",
                "upgrade", "head", "--sql", "--dialect", "postgresql", "--dir", migrations.toString())
                .directory(dir.toFile()).redirectOutput(script.toFile()).redirectError(errors.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the script was not written within 5 minutes");
        String stderr = Files.readString(errors);
        assertEquals(0, process.exitValue(), stderr);
        assertEquals("", stderr);
        assertTrue(Files.size(script) > Files.size(file), "the script holds every statement: " + Files.size(script));

        long inserts = 0;
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader lines = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("INSERT INTO t VALUES (")) {
                    inserts++;
                }
                last.addLast(line);
                if (last.size() > 4) {
                    last.removeFirst();
                }
            }
        }
        assertEquals(statements, inserts);
        List<String> end = List.copyOf(last);
        assertEquals(LargeMigrationFile.statement(statements - 1), end.get(0));
        assertEquals("INSERT INTO \"migrate_version\" (version_num) VALUES ('001');", end.get(1));
        assertTrue(end.get(2).startsWith("INSERT INTO \"migrate_version_log\""), end.get(2));
        assertEquals("COMMIT;", end.get(3));
    }
}
