package dev.migrate.cli;

import dev.migrate.testing.Distribution;
import dev.migrate.testing.Distribution.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the launcher finds Java, and what it says when it cannot use what it finds. An old Java is stood in for by a
 * folder laid out like one (a {@code release} file, a {@code bin/java} that answers {@code -version} as Java 8
 * does): the launcher must refuse it from what it reads, and never start it.
 */
class LauncherJavaIT {
    private static final String NEVER_START = "#!/bin/sh\necho 'this java should not have been started' >&2\nexit 99\n";

    @TempDir
    static Path shared;
    private static Distribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack(shared.resolve("unpacked"));
    }

    @Test
    void noJavaAnywhereIsSaidPlainly(@TempDir Path temp) throws Exception {
        Map<String, String> environment = Map.of("PATH", toolsWithoutJava(temp).toString(),
                "HOME", temp.toString());
        Result run = Distribution.shell(temp, environment, "'" + dist.launcher() + "' current");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: migrate needs Java 17 or newer and found none: JAVA_HOME is not set"
                + " and there is no java on PATH."), run.toString());
        assertTrue(run.err().contains("set JAVA_HOME"), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
    }

    @Test
    void aJavaHomeOlderThan17IsRefusedWithoutStartingIt(@TempDir Path temp) throws Exception {
        Path jdk11 = fakeJava(temp.resolve("jdk-11"), "JAVA_VERSION=\"11.0.22\"\n", NEVER_START);
        Map<String, String> environment = new HashMap<>(Distribution.environment(temp, temp.resolve("cache")));
        environment.put("JAVA_HOME", jdk11.toString());
        Result run = Distribution.shell(temp, environment, "'" + dist.launcher() + "' current");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("error: migrate needs Java 17 or newer, but " + jdk11.resolve("bin/java")
                + " (from JAVA_HOME) is Java 11.0.22. Install Java 17 or newer, then put its bin folder first on PATH"
                + " or set JAVA_HOME to it.\n", run.err());
        assertFalse(Files.exists(temp.resolve("cache")), "nothing is prepared for a Java that cannot run migrate");
    }

    @Test
    void anOldJavaOnPathIsRecognisedByWhatItSays(@TempDir Path temp) throws Exception {
        // No release file: the launcher asks the java itself, and Java 8 answers "1.8.0_402".
        Path jre8 = fakeJava(temp.resolve("jre8"), null,
                "#!/bin/sh\n[ \"$1\" = -version ] || exit 99\necho 'openjdk version \"1.8.0_402\"' >&2\n");
        Map<String, String> environment = Map.of("PATH", jre8.resolve("bin") + ":" + toolsWithoutJava(temp),
                "HOME", temp.toString());
        Result run = Distribution.shell(temp, environment, "'" + dist.launcher() + "' current");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(jre8.resolve("bin/java") + " (from PATH) is Java 1.8.0_402"), run.toString());
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed(@TempDir Path temp) throws Exception {
        Map<String, String> environment = new HashMap<>(Distribution.environment(temp, temp.resolve("cache")));
        environment.put("JAVA_HOME", temp.resolve("no-such-jdk").toString());
        Result run = Distribution.shell(temp, environment, "'" + dist.launcher() + "' current");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: JAVA_HOME is set to " + temp.resolve("no-such-jdk")
                + ", but there is no java at "), run.toString());
        assertTrue(run.err().contains("or unset it to use the java on PATH"), run.toString());
    }

    @Test
    void javaHomeWinsOverPath(@TempDir Path temp) throws Exception {
        // The java on PATH is an old one; JAVA_HOME names this JVM's home, which must be the one used.
        Path jre8 = fakeJava(temp.resolve("jre8"), "JAVA_VERSION=\"1.8.0_402\"\n", NEVER_START);
        Map<String, String> environment = new HashMap<>(Distribution.environment(temp, temp.resolve("cache"),
                jre8.resolve("bin")));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Result run = Distribution.shell(temp, environment, "'" + dist.launcher() + "' --version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run.toString());
    }

    /**
     * Java 22 and later warn on standard error, four lines on every run, when a library loads native code without
     * being allowed to; SQLite's driver does on every SQLite command. The jar allows it, so a user on a current Java
     * sees only migrate's own output. Runs where a Java of 22 or later is installed beside the one running the tests
     * (or named by MIGRATE_TEST_NEWER_JAVA_HOME).
     */
    @Test
    void aNewerJavaPrintsNoWarningAboutSqlitesNativeLibrary(@TempDir Path temp) throws Exception {
        Path newer = javaHomeOf22OrLater();
        Assumptions.assumeTrue(newer != null, "no Java 22 or later installed beside " + System.getProperty("java.home"));
        Distribution.copySampleMigrations(temp);
        Map<String, String> environment = new HashMap<>(Distribution.environment(temp, temp.resolve("cache")));
        environment.put("JAVA_HOME", newer.toString());
        Result upgrade = Distribution.shell(temp, environment,
                "'" + dist.launcher() + "' --url jdbc:sqlite:app.db upgrade head -q");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertEquals("", upgrade.err(), upgrade.toString());
        Result current = Distribution.shell(temp, environment, "'" + dist.launcher() + "' --url jdbc:sqlite:app.db current");
        assertEquals(0, current.exitCode(), current.toString());
        assertEquals("", current.err(), current.toString());
        assertTrue(current.out().contains("(head)"), current.toString());
    }

    /**
     * Where no Java 22 or later is installed (a CI runner with one JDK), the entry that spares its users the warnings
     * is checked in both jars the launchers run: the checkout's target/migrate.jar and the distribution's own.
     */
    @Test
    void bothRunnableJarsAllowNativeAccess() throws IOException {
        Path distributionJar;
        try (Stream<Path> lib = Files.list(dist.home().resolve("lib"))) {
            distributionJar = lib.filter(jar -> jar.getFileName().toString().matches("migrate-.*\\.jar")).findFirst()
                    .orElseThrow();
        }
        for (Path jar : List.of(Path.of("target", "migrate.jar"), distributionJar)) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertEquals("ALL-UNNAMED", file.getManifest().getMainAttributes().getValue("Enable-Native-Access"),
                        jar.toString());
            }
        }
    }

    /** A Java home of version 22 or later: the one the environment names, or one beside this JVM's home. */
    private static Path javaHomeOf22OrLater() throws IOException {
        String named = System.getenv("MIGRATE_TEST_NEWER_JAVA_HOME");
        if (named != null && !named.isBlank()) {
            assertTrue(majorVersion(Path.of(named)) >= 22, "MIGRATE_TEST_NEWER_JAVA_HOME names a Java older than 22: "
                    + named);
            return Path.of(named);
        }
        Path installed = Path.of(System.getProperty("java.home")).toRealPath().getParent();
        try (Stream<Path> homes = Files.list(installed)) {
            for (Path home : homes.sorted().toList()) {
                if (Files.isExecutable(home.resolve("bin/java")) && majorVersion(home) >= 22) {
                    return home;
                }
            }
        }
        return null;
    }

    /** The major version a Java home's release file states; 0 when it states none. */
    private static int majorVersion(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                String major = line.substring("JAVA_VERSION=\"".length()).replace("\"", "").split("[.+_-]")[0];
                return major.matches("\\d+") ? Integer.parseInt(major) : 0;
            }
        }
        return 0;
    }

    @Test
    void theCheckoutsLauncherTakesJavaHomeToo(@TempDir Path temp) throws Exception {
        // A Java home whose java notes each start, then runs this JVM's; the java on PATH is this JVM's own.
        Path starts = temp.resolve("starts.log");
        Path home = fakeJava(temp.resolve("jdk"), null, "#!/bin/sh\necho started >> '" + starts + "'\nexec '"
                + Distribution.javaBin().resolve("java") + "' \"$@\"\n");
        Path checkout = Files.createDirectories(temp.resolve("checkout/target"));
        Files.copy(Path.of(System.getProperty("migrate.jar", "target/migrate.jar")), checkout.resolve("migrate.jar"));
        Path launcher = Files.copy(Path.of("migrate"), temp.resolve("checkout/migrate"));
        Map<String, String> environment = new HashMap<>(Distribution.environment(temp, null));
        environment.put("JAVA_HOME", home.toString());
        Result run = Distribution.shell(temp, environment, "'" + launcher + "' --version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.exists(starts) && !Files.readAllLines(starts).isEmpty(), "JAVA_HOME's java ran: " + run);

        environment.put("JAVA_HOME", temp.resolve("no-such-jdk").toString());
        Result missing = Distribution.shell(temp, environment, "'" + launcher + "' --version");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("JAVA_HOME is set to " + temp.resolve("no-such-jdk")), missing.err());
    }

    /** A folder shaped like a Java installation: {@code release} (unless null) and an executable {@code bin/java}. */
    private static Path fakeJava(Path home, String release, String script) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, script);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }

    /** A PATH folder with every command of the system's PATH except java: a machine without Java. */
    private static Path toolsWithoutJava(Path temp) throws IOException {
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String folder : System.getenv("PATH").split(":")) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> commands = Files.list(dir)) {
                for (Path command : commands.toList()) {
                    String name = command.getFileName().toString();
                    if (!name.startsWith("java") && !Files.exists(tools.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(tools.resolve(name), command);
                    }
                }
            }
        }
        assertFalse(List.of(tools.toFile().list()).contains("java"));
        return tools;
    }
}
