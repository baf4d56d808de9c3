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
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logging as packaged: the library jar leaves an application's logging alone, while the CLI jar configures its own,
 * on stderr, and routes the PostgreSQL driver's {@code java.util.logging} lines through it.
 */
class LoggingPackagingIT {
    private static final String CONFIGURATOR = "META-INF/services/ch.qos.logback.classic.spi.Configurator";
    private static final String PROVIDER = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
    /** How java.util.logging's default handler starts a record: "Nov 23, 2026 3:03:55 PM org.postgresql...". */
    private static final String RAW_JUL = "(?s).*\\b[A-Z][a-z]{2} \\d{1,2}, \\d{4} .*";

    private record Run(int exitCode, String out, String err) {
    }

    private static Path cliJar() {
        return Path.of(System.getProperty("migrate.jar", "target/migrate.jar"));
    }

    private static Path libraryJar() throws IOException {
        try (Stream<Path> files = Files.list(cliJar().toAbsolutePath().getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("migrate-[0-9].*(?<!sources|javadoc)\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no library jar next to " + cliJar()));
        }
    }

    private static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, List.of(), args);
    }

    private static Run run(Path workDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", cliJar().toAbsolutePath().toString()));
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
    void theLibraryJarLeavesLoggingToTheApplication() throws IOException {
        try (JarFile library = new JarFile(libraryJar().toFile())) {
            assertNull(library.getEntry(CONFIGURATOR), "the library jar would take over an application's logging");
            assertNull(library.getEntry(PROVIDER), "nor may it bind SLF4J for an application");
            String pom = new String(library.getInputStream(library.getEntry(
                    "META-INF/maven/dev.migrate/migrate/pom.xml")).readAllBytes(), StandardCharsets.UTF_8);
            String logback = pom.substring(pom.indexOf("<artifactId>logback-classic</artifactId>"));
            assertTrue(logback.substring(0, logback.indexOf("</dependency>")).contains("<optional>true</optional>"),
                    "logback-classic must not reach library users as a dependency");
        }
    }

    @Test
    void verboseDebugLinesGoToStderrAndNothingElseDoes(@TempDir Path work) throws Exception {
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(migrations.resolve("a1.sql"), "-- revision: a1\n-- down_revision: none\n\n"
                + "-- migrate:upgrade\nCREATE TABLE t (id INTEGER);\n-- migrate:downgrade\nDROP TABLE t;\n");
        Run verbose = run(work, "-v", "upgrade", "head");
        assertEquals(0, verbose.exitCode(), verbose.err());
        assertTrue(verbose.err().contains("DEBUG SqliteDialect: Taking the migration lock"), verbose.err());
        assertFalse(verbose.out().contains("DEBUG"), verbose.out());
        Run quiet = run(work, "downgrade", "base");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.err());
    }

    @Test
    void theCliBindsSlf4jThroughItsOwnProvider(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("migrations"));
        // SLF4J names the provider it loads when its own reports are not limited to warnings (the CLI limits them).
        Run run = run(work, List.of("-Dslf4j.internal.verbosity=INFO"), "heads");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("dev.migrate.cli.StderrLoggingProvider"), "Logback's own provider would search "
                + "the class path for configuration at every start: " + run.err());
    }

    @Test
    void theDriversOwnWarningsAreSilentOrRoutedUnderVerbose(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("migrations"));
        // The driver warns about loginTimeout=abc, then fails to connect to the closed port.
        String url = "jdbc:postgresql://127.0.0.1:1/nowhere?loginTimeout=abc";
        Run plain = run(work, "current", "--url", url);
        assertEquals(1, plain.exitCode(), plain.err());
        assertEquals(1, plain.err().lines().count(), plain.err());
        assertTrue(plain.err().startsWith("error: Cannot connect to PostgreSQL at 127.0.0.1:1"), plain.err());

        Run verbose = run(work, "-v", "current", "--url", url);
        assertEquals(1, verbose.exitCode(), verbose.err());
        assertTrue(verbose.err().contains("WARN Driver: Couldn't parse loginTimeout value: abc"), verbose.err());
        assertFalse(verbose.err().matches(RAW_JUL), verbose.err());
        assertFalse(verbose.err().contains("migrate - Start"), "no pool start-up chatter: " + verbose.err());
    }
}
