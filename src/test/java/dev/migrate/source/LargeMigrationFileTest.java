package dev.migrate.source;

import dev.migrate.graph.Direction;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import dev.migrate.testing.LargeMigrationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 100 MB migration is split in a JVM whose heap is far smaller than the file: if the parser or the splitter held
 * the file whole, the child process would die of OutOfMemoryError instead of counting every statement.
 */
class LargeMigrationFileTest {
    private static final long TARGET_BYTES = 100L * 1024 * 1024;

    @Test
    void hundredMegabyteMigrationSplitsInBoundedMemory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("001_big.sql");
        long statements = LargeMigrationFile.write(file, TARGET_BYTES);
        assertTrue(Files.size(file) >= TARGET_BYTES);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", classpath(), Probe.class.getName(), file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        assertEquals(statements + " statements, last on line " + (statements + 5), output);
    }

    private static String classpath() throws Exception {
        Path main = Path.of(SqlMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path test = Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return main + java.io.File.pathSeparator + test;
    }

    /** Runs in the child JVM: parses the file and counts the upgrade statements. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            Path file = Path.of(args[0]);
            SqlMigrationParser.Result result = SqlMigrationParser.parse(file);
            if (result.migration() == null) {
                System.out.println(result.problems());
                System.exit(1);
            }
            long count = 0;
            int lastLine = 0;
            try (SqlSplitter statements = result.migration().statements(Direction.UPGRADE, SqlFlavor.POSTGRESQL)) {
                while (statements.hasNext()) {
                    Statement statement = statements.next();
                    count++;
                    lastLine = statement.line();
                }
            }
            System.out.println(count + " statements, last on line " + lastLine);
        }
    }
}
