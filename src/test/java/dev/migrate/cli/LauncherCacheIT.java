package dev.migrate.cli;

import dev.migrate.testing.Distribution;
import dev.migrate.testing.Distribution.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher's start-up aids in {@code $XDG_CACHE_HOME/migrate/VERSION}: made on first use, used afterwards,
 * never seen half-written, shared safely by processes starting together, and skipped without a word where the
 * folder cannot be written.
 */
class LauncherCacheIT {
    private static final String CURRENT_AT_HEAD = "d41c8f2e6a90 (head)\n";

    @TempDir
    static Path shared;
    private static Distribution dist;
    private static Path project;

    @BeforeAll
    static void unpackAndMigrate() throws Exception {
        dist = Distribution.unpack(shared.resolve("unpacked"));
        project = Files.createDirectories(shared.resolve("project"));
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            for (Path sql : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Files.copy(sql, migrations.resolve(sql.getFileName()));
            }
        }
        Result upgrade = Distribution.shell(project, Distribution.environment(shared, null, dist.bin()),
                "migrate upgrade head");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
    }

    @Test
    void theFirstStartMakesTheAidsAndLaterStartsUseThem(@TempDir Path temp) throws Exception {
        Map<String, String> environment = Distribution.environment(temp, temp.resolve("cache"), dist.bin());
        Result first = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(CURRENT_AT_HEAD, first.out());
        assertEquals("", first.err(), "making the aids is silent");

        Path cache = temp.resolve("cache/migrate/" + dist.version());
        List<String> archives = files(cache.resolve("cds"));
        assertEquals(1, archives.size(), archives.toString());
        assertTrue(archives.get(0).endsWith(".jsa"), archives.toString());

        Map<String, String> logging = new HashMap<>(environment);
        logging.put("MIGRATE_JAVA_OPTS", "-Xlog:class+load=info");
        Result mapped = Distribution.shell(project, logging, "migrate current");
        assertEquals(0, mapped.exitCode(), mapped.toString());
        assertTrue(mapped.out().contains("dev.migrate.cli.Main source: shared objects file"),
                "the second start maps migrate's classes from the archive: " + mapped.out().lines()
                        .filter(l -> l.contains("dev.migrate.cli.Main")).toList());
        // picocli's Java 5 class files are archived only by a static dump; a dynamic archive leaves them to be
        // parsed and verified on every start.
        assertTrue(mapped.out().contains("picocli.CommandLine source: shared objects file"),
                "picocli's classes are mapped from the archive too: " + mapped.out().lines()
                        .filter(l -> l.contains("picocli.CommandLine ")).toList());

        Optional<String> entry = nativeEntry();
        if (entry.isPresent()) {
            Path library = cache.resolve("native").resolve(entry.get());
            assertArrayEquals(jarEntry("org/sqlite/native/" + entry.get()), Files.readAllBytes(library));
            // With a temp folder the driver cannot use, only the library from the cache lets SQLite load.
            Map<String, String> noTemp = new HashMap<>(environment);
            noTemp.put("MIGRATE_JAVA_OPTS", "-Djava.io.tmpdir=" + Files.createFile(temp.resolve("not-a-folder")));
            Result loaded = Distribution.shell(project, noTemp, "migrate current");
            assertEquals(0, loaded.exitCode(), loaded.toString());
            assertEquals(CURRENT_AT_HEAD, loaded.out());
        }
    }

    @Test
    void processesStartingTogetherShareOneCacheAndAllSucceed(@TempDir Path temp) throws Exception {
        Map<String, String> environment = Distribution.environment(temp, temp.resolve("cache"), dist.bin());
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(Distribution.start(project, environment, "migrate current", temp.resolve("run" + i)));
        }
        for (int i = 0; i < processes.size(); i++) {
            Result run = Distribution.finish(processes.get(i), temp.resolve("run" + i));
            assertEquals(0, run.exitCode(), "run " + i + ": " + run);
            assertEquals(CURRENT_AT_HEAD, run.out(), "run " + i);
            assertEquals("", run.err(), "run " + i);
        }
        Path cache = temp.resolve("cache/migrate/" + dist.version());
        List<String> archives = files(cache.resolve("cds"));
        assertEquals(1, archives.size(), "one archive, no temporary file, no lock left: " + archives);
        assertTrue(archives.get(0).endsWith(".jsa"), archives.toString());
        Optional<String> entry = nativeEntry();
        if (entry.isPresent()) {
            Path folder = cache.resolve("native").resolve(entry.get()).getParent();
            assertEquals(List.of(Path.of(entry.get()).getFileName().toString()), files(folder));
            assertArrayEquals(jarEntry("org/sqlite/native/" + entry.get()), Files.readAllBytes(folder.resolve(
                    Path.of(entry.get()).getFileName())));
        }
        Result after = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, after.exitCode(), after.toString());
    }

    @Test
    void aHalfWrittenLibraryIsNeverUsedByAnotherProcess(@TempDir Path temp) throws Exception {
        Optional<String> entry = nativeEntry();
        assumeTrue(entry.isPresent(), "the launcher extracts SQLite's library on Linux and macOS, x86_64/aarch64");
        // A slow disk: this unzip (the real one, behind a file) writes the first 64 KiB of the library, then waits
        // until the test lets it write the rest.
        Path slow = Files.createDirectories(temp.resolve("slow-bin"));
        Path unzip = slow.resolve("unzip");
        Path proceed = temp.resolve("proceed");
        Files.writeString(unzip, "#!/bin/sh\n"
                + "PATH=\"$REAL_PATH\" unzip \"$@\" > \"$SLOW_SCRATCH\" || exit $?\n"
                + "head -c 65536 \"$SLOW_SCRATCH\"\n"
                + "while [ ! -e \"$SLOW_PROCEED\" ]; do sleep 0.1; done\n"
                + "tail -c +65537 \"$SLOW_SCRATCH\"\n");
        Files.setPosixFilePermissions(unzip, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> normal = Distribution.environment(temp, temp.resolve("cache"), dist.bin());
        Map<String, String> slowed = Distribution.environment(temp, temp.resolve("cache"), slow, dist.bin());
        slowed.put("REAL_PATH", normal.get("PATH"));
        slowed.put("SLOW_SCRATCH", temp.resolve("scratch").toString());
        slowed.put("SLOW_PROCEED", proceed.toString());

        Process writer = Distribution.start(project, slowed, "migrate current", temp.resolve("writer"));
        Path folder = temp.resolve("cache/migrate/" + dist.version() + "/native").resolve(entry.get()).getParent();
        try {
            waitFor(() -> largestFile(folder) >= 65536, "the first 64 KiB of the library to be written");
            Result reader = Distribution.shell(project, normal, "migrate current");
            assertEquals(0, reader.exitCode(), "a start during the slow write must not load half a library: " + reader);
            assertEquals(CURRENT_AT_HEAD, reader.out());
            assertTrue(writer.isAlive(), "the reader ran while the library was still being written");
        } finally {
            Files.writeString(proceed, "");
        }
        Result written = Distribution.finish(writer, temp.resolve("writer"));
        assertEquals(0, written.exitCode(), written.toString());
        assertEquals(List.of(Path.of(entry.get()).getFileName().toString()), files(folder));
        assertArrayEquals(jarEntry("org/sqlite/native/" + entry.get()),
                Files.readAllBytes(folder.resolve(Path.of(entry.get()).getFileName())));
    }

    @Test
    void aRecordingKilledMidwayLeavesNoArchiveAndTheNextStartRecordsOne(@TempDir Path temp) throws Exception {
        Map<String, String> environment = Distribution.environment(temp, temp.resolve("cache"), dist.bin());
        Path cds = temp.resolve("cache/migrate/" + dist.version() + "/cds");
        Process killed = Distribution.start(project, environment, "migrate current", temp.resolve("killed"));
        // Until its JVM runs: killed before, the launcher's subshell could fork it after the descendants are listed,
        // and that orphan would go on to write its archive.
        waitFor(() -> files(cds).stream().anyMatch(f -> f.endsWith(".lock"))
                && lockHolder(cds).isPresent()
                && killed.descendants().anyMatch(p -> p.info().command().orElse("").endsWith("java")),
                "the recording to start");
        List<ProcessHandle> children = killed.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        killed.destroyForcibly();
        killed.waitFor();
        // Dead, not just signalled: a JVM still writing its archive after the next start cleaned up would leave a
        // file behind that no launcher made.
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
        }
        assertTrue(files(cds).stream().noneMatch(f -> f.endsWith(".jsa")),
                "no archive under its final name from a recording that did not finish: " + files(cds));

        Result next = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, next.exitCode(), next.toString());
        assertEquals("", next.err());
        List<String> left = files(cds);
        assertEquals(1, left.size(), "the dead process's lock was taken over and cleaned up: " + left);
        assertTrue(left.get(0).endsWith(".jsa"), left.toString());
    }

    @Test
    void aCacheThatCannotBeWrittenIsSkippedSilently(@TempDir Path temp) throws Exception {
        // A regular file where a folder would have to be: no user, root included, can create the cache there.
        Path file = Files.writeString(temp.resolve("a-file"), "");
        Map<String, String> environment = Distribution.environment(temp, file.resolve("cache"), dist.bin());
        Result run = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(CURRENT_AT_HEAD, run.out());
        assertEquals("", run.err());

        Map<String, String> homeless = new HashMap<>(Distribution.environment(temp, null, dist.bin()));
        homeless.remove("HOME");
        Result noHome = Distribution.shell(project, homeless, "migrate current");
        assertEquals(0, noHome.exitCode(), noHome.toString());
        assertEquals(CURRENT_AT_HEAD, noHome.out());
        assertEquals("", noHome.err());
    }

    @Test
    void aCacheFolderDefaultsToDotCacheInHome(@TempDir Path temp) throws Exception {
        Map<String, String> environment = Distribution.environment(temp.resolve("home"), null, dist.bin());
        environment.put("XDG_CACHE_HOME", "relative/cache"); // not absolute: ignored, as the XDG specification says
        Result run = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1, files(temp.resolve("home/.cache/migrate/" + dist.version() + "/cds")).size());
        assertFalse(Files.exists(project.resolve("relative")));
    }

    @Test
    void aRuntimeThatCannotRecordAnArchiveIsNotAskedAgainUntilTheJarChanges(@TempDir Path temp) throws Exception {
        // A java that runs everything but refuses to dump an archive, as a runtime without class-data sharing does;
        // it notes each dump it was asked for.
        Path bin = Files.createDirectories(temp.resolve("no-dump-bin"));
        Path dumps = temp.resolve("dumps.log");
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n"
                + "for a; do case \"$a\" in -Xshare:dump) echo dump >> '" + dumps + "'; exit 1;; esac; done\n"
                + "exec '" + Distribution.javaBin().resolve("java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The checkout's own launcher, over a copy of the built jar (no sources beside it: nothing to rebuild).
        Path checkout = Files.createDirectories(temp.resolve("checkout/target"));
        Path jar = Files.copy(Path.of(System.getProperty("migrate.jar", "target/migrate.jar")),
                checkout.resolve("migrate.jar"));
        Path launcher = Files.copy(Path.of("migrate"), temp.resolve("checkout/migrate"));
        Map<String, String> environment = Distribution.environment(temp, temp.resolve("cache"), bin, dist.bin());
        for (String command : List.of("migrate current", launcher + " current")) {
            for (int start = 1; start <= 2; start++) {
                Result run = Distribution.shell(project, environment, command);
                assertEquals(0, run.exitCode(), run.toString());
                assertEquals(CURRENT_AT_HEAD, run.out(), command + ", start " + start);
                assertEquals("", run.err(), command + ", start " + start);
            }
        }
        assertEquals(2, Files.readAllLines(dumps).size(), "one attempt per launcher: " + Files.readAllLines(dumps));
        assertTrue(Files.exists(checkout.resolve("migrate.jsa.failed")));
        // A new jar may record where the old one could not: the checkout's launcher tries again.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Result rebuilt = Distribution.shell(project, environment, launcher + " current");
        assertEquals(CURRENT_AT_HEAD, rebuilt.out(), rebuilt.toString());
        assertEquals(3, Files.readAllLines(dumps).size());
    }

    @Test
    void aStartStoppedWhileRecordingLeavesNoMarkerAndRunsNothing(@TempDir Path temp) throws Exception {
        // As Ctrl-C during the first start: the JVM of the training run exits 130.
        Path bin = Files.createDirectories(temp.resolve("interrupted-bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n"
                + "for a; do case \"$a\" in -XX:DumpLoadedClassList=*) exit 130;; esac; done\n"
                + "exec '" + Distribution.javaBin().resolve("java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path checkout = Files.createDirectories(temp.resolve("checkout/target"));
        Files.copy(Path.of(System.getProperty("migrate.jar", "target/migrate.jar")), checkout.resolve("migrate.jar"));
        Path launcher = Files.copy(Path.of("migrate"), temp.resolve("checkout/migrate"));
        Map<String, String> environment = Distribution.environment(temp, temp.resolve("cache"), bin, dist.bin());
        for (String command : List.of("migrate current", launcher + " current")) {
            Result stopped = Distribution.shell(project, environment, command);
            assertEquals(130, stopped.exitCode(), command + ": " + stopped);
            assertEquals("", stopped.out(), command + " ran the command after the user stopped it");
        }
        assertFalse(Files.exists(checkout.resolve("migrate.jsa.failed")), "an interrupted recording is no verdict");
        try (Stream<Path> cache = Files.walk(temp.resolve("cache"))) {
            assertEquals(List.of(), cache.filter(f -> f.toString().endsWith(".failed")).toList());
        }
    }

    @Test
    void theCheckoutLauncherRunsThroughLinksFromAnotherFolder(@TempDir Path temp) throws Exception {
        // The checkout's launcher over a copy of the built jar; reached through a link on PATH whose target holds
        // "..", from a folder whose own path is a link.
        Path checkout = Files.createDirectories(temp.resolve("checkout/target"));
        Files.copy(Path.of(System.getProperty("migrate.jar", "target/migrate.jar")), checkout.resolve("migrate.jar"));
        Files.copy(Path.of("migrate"), temp.resolve("checkout/migrate"));
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("migrate"), Path.of("..", "checkout", "migrate"));
        Path bin = Files.createSymbolicLink(temp.resolve("bin"), tools);
        Map<String, String> environment = Distribution.environment(temp, temp.resolve("cache"), bin);
        Result run = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(CURRENT_AT_HEAD, run.out());
        assertTrue(Files.exists(checkout.resolve("migrate.jsa")) || Files.exists(checkout.resolve("migrate.jsa.failed")),
                "the aids are made beside the real jar");
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long largestFile(Path folder) throws IOException {
        long largest = -1;
        for (String name : files(folder)) {
            largest = Math.max(largest, folder.resolve(name).toFile().length()); // 0 once renamed away
        }
        return largest;
    }

    private static Optional<String> lockHolder(Path cds) throws IOException {
        for (String name : files(cds)) {
            Path pid = cds.resolve(name).resolve("pid");
            if (name.endsWith(".lock") && Files.isRegularFile(pid) && !Files.readString(pid).isBlank()) {
                return Optional.of(Files.readString(pid).strip());
            }
        }
        return Optional.empty();
    }

    /** The names in a folder, sorted; none when it does not exist. */
    private static List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Where in the jar the launcher takes SQLite's library from on this machine, if it does here. */
    private static Optional<String> nativeEntry() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        if (cpu == null) {
            return Optional.empty();
        }
        if (os.contains("linux")) {
            String[] lib = new java.io.File("/lib").list();
            boolean musl = lib != null && Stream.of(lib).anyMatch(name -> name.startsWith("ld-musl-"));
            return Optional.of((musl ? "Linux-Musl/" : "Linux/") + cpu + "/libsqlitejdbc.so");
        }
        return os.contains("mac") ? Optional.of("Mac/" + cpu + "/libsqlitejdbc.dylib") : Optional.empty();
    }

    private static byte[] jarEntry(String name) throws IOException {
        try (JarFile jar = new JarFile(dist.home().resolve("lib/migrate-" + dist.version() + ".jar").toFile())) {
            return jar.getInputStream(jar.getEntry(name)).readAllBytes();
        }
    }
}
