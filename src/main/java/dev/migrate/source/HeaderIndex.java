package dev.migrate.source;

import dev.migrate.graph.RevisionNode;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each SQL file of a folder declares, remembered between runs, so the commands that need only the graph
 * ({@code current}, {@code history}, {@code heads}, {@code show}, ...) need not read and parse every file each time:
 * on 10,000 files that was a quarter of {@code history}'s time. Python trusts its {@code .pyc} files the same way.
 *
 * <p>An entry is used only for a file whose size, modification time (to the nanosecond) and identity (device and
 * inode, so a file replaced by another is read again) are those it had when it was read, and only if that
 * modification time was already two seconds old then: a file written twice within the file system's timestamp
 * resolution cannot hide its second write behind the first (the "racy" case Git's index guards against too). Files
 * with problems are never remembered, so their messages always come from reading them. Upgrades, downgrades, stamps
 * and {@code check} never use the index: they read and hash every file.
 *
 * <p>The index is one file under the cache folder, named after the folder it describes and holding that folder's
 * path and the build of migrate that wrote it; anything unexpected in it (another folder, another build, a file cut
 * short) means it is not used. Writing it is best effort: a temporary file renamed over the old one, so a reader
 * sees one or the other; a cache folder that cannot be written costs only the reading it would have saved.
 */
final class HeaderIndex {
    private static final String MAGIC = "migrate header index";
    private static final int FORMAT = 1;
    private static final long SETTLED_NANOS = 2_000_000_000L;

    private final Path file;
    private final Path folder;
    private final String folderPrefix;
    private final Map<String, Entry> known;
    /** What the next index holds: the entries used or read this run. */
    private final Map<String, Entry> current = new ConcurrentHashMap<>();
    private volatile boolean changed;

    private record Entry(long size, long modifiedNanos, String identity, RevisionNode revision) {
    }

    private HeaderIndex(Path file, Path folder, Map<String, Entry> known) {
        this.file = file;
        this.folder = folder;
        this.folderPrefix = folder + folder.getFileSystem().getSeparator();
        this.known = known;
    }

    /** The index of {@code folder} kept in {@code cacheDir}; empty when there is none (or it cannot be used). */
    static HeaderIndex open(Path cacheDir, Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            real = folder.toAbsolutePath().normalize();
        }
        Path file = cacheDir.resolve("headers").resolve(
                "headers-" + Integer.toHexString(real.toString().hashCode()) + ".idx");
        return new HeaderIndex(file, folder, read(file, real.toString()));
    }

    /** The revision {@code path} declares, as remembered, if the file is the one that was read; else null. */
    DeclaredRevision lookup(Path path, BasicFileAttributes attributes) {
        String key = key(path);
        Entry entry = known.get(key);
        if (entry == null || entry.size != attributes.size() || entry.modifiedNanos != nanos(attributes)
                || !entry.identity.equals(identity(attributes))) {
            return null;
        }
        current.put(key, entry);
        RevisionNode cached = entry.revision;
        // The location is the path as this run names the file (--dir may be spelled another way).
        return new DeclaredRevision(new RevisionNode(cached.id(), cached.downRevisions(), cached.dependsOn(),
                cached.branchLabels(), cached.message(), cached.transactional(), cached.reversible(), path.toString(),
                cached.revisionLine(), cached.downRevisionsLine(), cached.dependsOnLine(), cached.created()));
    }

    /**
     * Remembers what a file without problems declares, read with {@code attributes} taken before it was read. A
     * file modified in the last two seconds is not remembered: it may be written again within the same timestamp.
     */
    void remember(Path path, BasicFileAttributes attributes, RevisionNode revision) {
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        changed = true;
        if (nowNanos - nanos(attributes) >= SETTLED_NANOS) {
            current.put(key(path), new Entry(attributes.size(), nanos(attributes), identity(attributes), revision));
        }
    }

    /** Writes the index if this run read anything it did not hold, or found files gone; never fails. */
    void save() {
        if (!changed && current.size() == known.size()) {
            return;
        }
        Path temporary = null;
        try {
            Path parent = file.getParent();
            CacheFolder.prepare(parent.getParent());
            Files.createDirectories(parent);
            temporary = Files.createTempFile(parent, ".headers-", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(temporary), 1 << 16))) {
                write(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // Best effort: the next run reads the files again.
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray temporary file in the cache folder is harmless
                }
            }
        }
    }

    private void write(DataOutputStream out) throws IOException {
        string(out, MAGIC);
        out.writeInt(FORMAT);
        string(out, build());
        string(out, realFolder());
        out.writeInt(current.size());
        for (Map.Entry<String, Entry> one : current.entrySet()) {
            Entry entry = one.getValue();
            RevisionNode revision = entry.revision;
            string(out, one.getKey());
            out.writeLong(entry.size);
            out.writeLong(entry.modifiedNanos);
            string(out, entry.identity);
            string(out, revision.id());
            strings(out, revision.downRevisions());
            strings(out, revision.dependsOn());
            strings(out, revision.branchLabels());
            string(out, revision.message());
            out.writeBoolean(revision.transactional());
            out.writeBoolean(revision.reversible());
            out.writeInt(revision.revisionLine());
            out.writeInt(revision.downRevisionsLine());
            out.writeInt(revision.dependsOnLine());
            out.writeBoolean(revision.created() != null);
            if (revision.created() != null) {
                out.writeLong(revision.created().getEpochSecond());
                out.writeInt(revision.created().getNano());
            }
        }
    }

    private static Map<String, Entry> read(Path file, String realFolder) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            // Read whole and decoded from the array: a stream's call per field cost more than the files it spares.
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            if (!string(in).equals(MAGIC) || in.getInt() != FORMAT || !string(in).equals(build())
                    || !string(in).equals(realFolder)) {
                return Map.of();
            }
            int count = in.getInt();
            Map<String, Entry> entries = new HashMap<>(Math.max(16, count * 2));
            for (int i = 0; i < count; i++) {
                String key = string(in);
                long size = in.getLong();
                long modified = in.getLong();
                String identity = string(in);
                String id = string(in);
                List<String> down = strings(in);
                List<String> dependsOn = strings(in);
                List<String> labels = strings(in);
                String message = string(in);
                boolean transactional = in.get() != 0;
                boolean reversible = in.get() != 0;
                int revisionLine = in.getInt();
                int downLine = in.getInt();
                int dependsLine = in.getInt();
                Instant created = in.get() != 0 ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
                entries.put(key, new Entry(size, modified, identity, new RevisionNode(id, down, dependsOn, labels,
                        message, transactional, reversible, key, revisionLine, downLine, dependsLine, created)));
            }
            return in.hasRemaining() ? Map.of() : entries; // nothing may follow the last entry
        } catch (IOException | RuntimeException e) {
            return Map.of(); // cut short, another format, unreadable: read the files
        }
    }

    /** The file's path inside the folder (the walk names files by the folder's path and theirs). */
    private String key(Path path) {
        String full = path.toString();
        return full.startsWith(folderPrefix) ? full.substring(folderPrefix.length())
                : folder.relativize(path).toString();
    }

    private String realFolder() throws IOException {
        return folder.toRealPath().toString();
    }

    private static long nanos(BasicFileAttributes attributes) {
        Instant modified = attributes.lastModifiedTime().toInstant();
        return modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
    }

    /** Device and inode where the file system has them; without them, size and time must do. */
    private static String identity(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return key == null ? "" : key.toString();
    }

    /**
     * Which build of migrate reads the headers: its version, and for a snapshot (or classes not in a jar) the size
     * and time of the jar or folder they came from, since the parser may change between two builds of one version.
     */
    private static String build() {
        String version = HeaderIndex.class.getPackage().getImplementationVersion();
        if (version != null && !version.endsWith("-SNAPSHOT")) {
            return version;
        }
        try {
            Path code = Path.of(HeaderIndex.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes attributes = Files.readAttributes(code, BasicFileAttributes.class);
            return version + " " + attributes.size() + " " + nanos(attributes);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return version + " unknown " + System.nanoTime(); // matches no index: read the files
        }
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("not an index");
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static List<String> strings(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalStateException("not an index");
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }
}
