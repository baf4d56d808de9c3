package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.testing.MigrationFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a migrations folder yields: every migration under it, and a problem for every entry that cannot be used. */
class MigrationFolderTest {
    @TempDir
    Path work;

    private Path dir() {
        return work.resolve("migrations");
    }

    private MigrationSource.Contents load() {
        return folder().load();
    }

    private MigrationFolder folder() {
        return new MigrationFolder(dir(), new JavaSourceCompiler(work.resolve("cache"), List.of(),
                getClass().getClassLoader(), file -> { }));
    }

    private static List<String> ids(MigrationSource.Contents contents) {
        return contents.migrations().stream().map(m -> m.revision().id()).sorted().toList();
    }

    private static Problem problemFor(MigrationSource.Contents contents, Path entry) {
        return contents.problems().stream().filter(p -> p.file().equals(entry.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + entry + " in " + contents.problems()));
    }

    @Test
    void subfoldersAreScannedAndHiddenEntriesIgnored() throws IOException {
        MigrationFiles files = new MigrationFiles(dir());
        files.table("a1", "none");
        new MigrationFiles(dir().resolve("2025/q4")).table("b2", "a1");
        MigrationFiles hidden = new MigrationFiles(dir().resolve(".cache"));
        hidden.table("zz", "none");
        Files.writeString(dir().resolve(".scratch.sql"), "not a migration");
        MigrationSource.Contents contents = load();
        assertEquals(List.of(), contents.problems());
        assertEquals(List.of("a1", "b2"), ids(contents));
    }

    @Test
    void symbolicLinksToFilesAndFoldersAreFollowed() throws IOException {
        new MigrationFiles(dir()).table("a1", "none");
        Path shared = new MigrationFiles(work.resolve("shared")).table("b2", "a1");
        new MigrationFiles(work.resolve("team")).table("c3", "b2");
        Files.createSymbolicLink(dir().resolve("b2_link.sql"), shared);
        Files.createSymbolicLink(dir().resolve("team"), work.resolve("team"));
        MigrationSource.Contents contents = load();
        assertEquals(List.of(), contents.problems());
        assertEquals(List.of("a1", "b2", "c3"), ids(contents));
    }

    @Test
    void danglingLinksAndLinkLoopsAreProblems() throws IOException {
        new MigrationFiles(dir()).table("a1", "none");
        Path dangling = Files.createSymbolicLink(dir().resolve("002_gone.sql"), work.resolve("deleted.sql"));
        Path loopA = dir().resolve("003_a.sql");
        Path loopB = dir().resolve("003_b.sql");
        Files.createSymbolicLink(loopA, loopB);
        Files.createSymbolicLink(loopB, loopA);
        Path folderLoop = Files.createSymbolicLink(dir().resolve("again"), dir());
        MigrationSource.Contents contents = load();
        assertEquals(List.of("a1"), ids(contents));
        assertEquals(4, contents.problems().size(), contents.problems().toString());
        assertEquals("is a symbolic link to " + work.resolve("deleted.sql") + ", which cannot be followed: no such file "
                + "or folder; restore what it points to, or remove the link", problemFor(contents, dangling).message());
        assertTrue(problemFor(contents, loopA).message().contains("which cannot be followed: too many levels of symbolic"
                + " links"), problemFor(contents, loopA).message());
        assertTrue(problemFor(contents, folderLoop).message().startsWith("is not read: a symbolic link loop"),
                problemFor(contents, folderLoop).message());
    }

    @Test
    void aLinkToAFolderAboveIsNamedWhereTheLoopIsFound() throws IOException {
        new MigrationFiles(dir()).table("a1", "none");
        Path sub = Files.createDirectories(dir().resolve("sub"));
        Path link = Files.createSymbolicLink(sub.resolve("parent"), work); // work holds the migrations folder
        MigrationSource.Contents contents = load();
        Problem loop = problemFor(contents, link.resolve(dir().getFileName()));
        assertTrue(loop.message().startsWith("is not read: a symbolic link loop"), loop.message());
        assertTrue(loop.message().contains("; it is reached through the link " + link + ": remove that link"),
                loop.message());
    }

    @Test
    void entriesThatAreNotFilesAreProblems() throws Exception {
        new MigrationFiles(dir()).table("a1", "none");
        Path folder = Files.createDirectories(dir().resolve("002_mounted.sql"));
        Files.writeString(folder.resolve("inside.sql"), "whatever");
        Path fifo = dir().resolve("003_pipe.sql");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");
        MigrationSource.Contents contents = load(); // must not block reading the FIFO
        assertEquals(List.of("a1"), ids(contents));
        assertEquals(2, contents.problems().size(), contents.problems().toString());
        assertTrue(problemFor(contents, folder).message().startsWith("is a folder, not a file; a migration must be a "
                + "file: rename or remove the folder"), problemFor(contents, folder).message());
        assertTrue(problemFor(contents, fifo).message().startsWith("is not a regular file"),
                problemFor(contents, fifo).message());
    }

    @Test
    void entriesThatCannotBeUsedAreListedBeforeTheProblemsOfFilesRead() throws IOException {
        Files.createDirectories(dir());
        Path typo = dir().resolve("001_typo.sql");
        Files.writeString(typo, "-- revision: a1\n-- down_revison: none\n\n-- migrate:upgrade\nSELECT 1;\n");
        Path folder = Files.createDirectories(dir().resolve("002_mounted.sql"));
        List<String> files = load().problems().stream().map(Problem::file).toList();
        assertEquals(List.of(folder.toString(), typo.toString(), typo.toString()), files);
    }

    @Test
    void strayFilesInSubfoldersAreReported() throws IOException {
        new MigrationFiles(dir()).table("a1", "none");
        Path sub = Files.createDirectories(dir().resolve("old"));
        Path stray = Files.writeString(sub.resolve("fix.py"), "print(1)");
        Files.writeString(sub.resolve("README.md"), "notes");
        Files.writeString(dir().resolve(".hidden.py"), "print(2)");
        List<Problem> strays = folder().strayFiles();
        assertEquals(List.of(stray.toString()), strays.stream().map(Problem::file).toList());
    }

    /**
     * Root reads files whatever their permissions; then the folder is loaded by a child JVM running as the unprivileged
     * user {@code nobody} (through {@code setpriv}), so the operating system really refuses.
     */
    @Test
    void unreadableFilesAndFoldersAreProblemsWithTheReason() throws Exception {
        new MigrationFiles(dir()).table("a1", "none");
        Path locked = new MigrationFiles(dir()).table("b2", "a1");
        Path lockedFolder = Files.createDirectories(dir().resolve("locked"));
        new MigrationFiles(lockedFolder).table("c3", "b2");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("---------"));
        List<String> problems;
        try {
            if ("root".equals(System.getProperty("user.name"))) {
                problems = loadAsNobody();
            } else {
                problems = load().problems().stream().map(Problem::toString).toList();
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(List.of(lockedFolder + ": cannot be listed: permission denied",
                locked + ": cannot be read: permission denied"), problems);
    }

    private List<String> loadAsNobody() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as root without setpriv: cannot make a file unreadable to this test");
        for (Path folder = dir(); folder != null && folder.startsWith(work.getParent()); folder = folder.getParent()) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        // The build's class folders may sit where nobody cannot read (a clone in a root-only temp folder): the probe
        // runs from copies in the test's own folder, which is readable.
        String classpath = readableCopy(MigrationFolder.class, work.resolve("probe-main"))
                + java.io.File.pathSeparator + readableCopy(Probe.class, work.resolve("probe-test"));
        Process process = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                Probe.class.getName(), dir().toString(), work.resolve("cache").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "probe finished");
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    /** The {@code dev/migrate} classes of the class folder {@code type} was loaded from, copied to {@code target}. */
    private static Path readableCopy(Class<?> type, Path target) throws Exception {
        Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = root.resolve("dev");
        try (java.util.stream.Stream<Path> walk = Files.walk(classes)) {
            for (Path source : walk.toList()) {
                Path copy = target.resolve(root.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(target)) {
            for (Path path : walk.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return target;
    }

    /** Runs in the child JVM: loads the folder and prints each problem on a line. */
    public static final class Probe {
        public static void main(String[] args) {
            MigrationFolder folder = new MigrationFolder(Path.of(args[0]), new JavaSourceCompiler(Path.of(args[1]),
                    List.of(), Probe.class.getClassLoader(), file -> { }));
            folder.load().problems().forEach(System.out::println);
        }
    }
}
