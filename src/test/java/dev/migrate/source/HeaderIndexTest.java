package dev.migrate.source;

import dev.migrate.graph.RevisionNode;
import dev.migrate.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header index never shows a header other than the file's, except for a file rewritten with its size, time and
 * inode put back by hand, which the commands that run migrations never trust it for.
 */
class HeaderIndexTest {
    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

    @TempDir
    Path work;

    private Path dir() {
        return work.resolve("migrations");
    }

    private Path cache() {
        return work.resolve("project/.migrate/cache");
    }

    private MigrationFolder folder() {
        return new MigrationFolder(dir(), new JavaSourceCompiler(cache(), List.of(), getClass().getClassLoader(),
                file -> { }), cache());
    }

    private RevisionNode header(String id) {
        MigrationSource.Contents contents = folder().headers();
        assertEquals(List.of(), contents.problems());
        return contents.migrations().stream().map(Migration::revision).filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow();
    }

    /** Rewrites a file in place (same inode) and sets its time. */
    private static void rewrite(Path file, String from, String to, FileTime time) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), text);
        Files.writeString(file, text.replace(from, to));
        Files.setLastModifiedTime(file, time);
    }

    private Path twoSettledFiles() throws IOException {
        MigrationFiles files = new MigrationFiles(dir());
        Path a1 = files.table("a1", "none");
        Path b2 = files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);", "DROP TABLE t_b2;");
        Files.setLastModifiedTime(a1, AN_HOUR_AGO);
        Files.setLastModifiedTime(b2, AN_HOUR_AGO);
        return b2;
    }

    private Path index() throws IOException {
        try (Stream<Path> files = Files.list(cache().resolve("headers"))) {
            return files.filter(f -> f.toString().endsWith(".idx")).findFirst().orElseThrow();
        }
    }

    @Test
    void aFileEditedSinceItWasIndexedIsReadAgain() throws IOException {
        Path b2 = twoSettledFiles();
        assertEquals("revision b2", header("b2").message());
        assertTrue(Files.isRegularFile(index()), "the first read wrote the index");
        assertEquals("*", Files.readAllLines(cache().resolve(".gitignore")).get(1), "the cache ignores itself");

        // The same number of bytes, and a time that is old but not the one indexed.
        rewrite(b2, "revision b2", "revision B2", FileTime.from(Instant.now().minusSeconds(1800)));
        assertEquals("revision B2", header("b2").message());
        // Another file in its place: same size and time, another inode.
        Path replacement = Files.writeString(work.resolve("replacement.sql"),
                Files.readString(b2).replace("revision B2", "revision b9"));
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(b2));
        Files.move(replacement, b2, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("revision b9", header("b2").message());
        assertEquals(b2.toString(), header("b2").location(), "named as this run names it");
    }

    @Test
    void aFileWrittenInTheLastSecondsIsNotRemembered() throws IOException {
        Path b2 = twoSettledFiles();
        FileTime justNow = FileTime.from(Instant.now());
        Files.setLastModifiedTime(b2, justNow);
        assertEquals("revision b2", header("b2").message());
        // Written again within the same timestamp: nothing may have remembered the first text.
        rewrite(b2, "revision b2", "revision B2", justNow);
        assertEquals("revision B2", header("b2").message());
    }

    @Test
    void anIndexCutShortOrInACacheThatCannotBeWrittenIsNoProblem() throws IOException {
        Path b2 = twoSettledFiles();
        header("b2");
        Path index = index();
        byte[] whole = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(whole, whole.length - 7));
        rewrite(b2, "revision b2", "revision B2", AN_HOUR_AGO); // what a trusted, cut-short index would hide
        assertEquals("revision B2", header("b2").message());

        // A cache path that is a file: nothing can be written under it, and the folder reads as before.
        Files.createDirectories(cache().getParent());
        Path blocked = cache();
        deleteRecursively(blocked);
        Files.writeString(blocked, "not a folder");
        assertEquals("revision B2", header("b2").message());
        assertEquals("not a folder", Files.readString(blocked));
    }

    @Test
    void aFileRewrittenWithItsTimePutBackIsTheIndexesToTrust() throws IOException {
        // The documented limit, as for Python's .pyc files: size, time and inode all put back by hand. Only the
        // reading commands use the index; loading for a run (and check) reads every file.
        Path b2 = twoSettledFiles();
        header("b2");
        rewrite(b2, "revision b2", "revision B2", AN_HOUR_AGO);
        assertEquals("revision b2", header("b2").message());
        assertEquals("revision B2", folder().load().migrations().stream().map(Migration::revision)
                .filter(r -> r.id().equals("b2")).findFirst().orElseThrow().message());
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
