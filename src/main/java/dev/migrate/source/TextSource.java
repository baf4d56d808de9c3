package dev.migrate.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a migration's text comes from: a file in a folder, or a resource inside an application's jar. */
public interface TextSource {
    /** How messages name it: a path, or {@code classpath:db/migrations/001_x.sql}. */
    String name();

    /** The size in bytes, or -1 when it is not known without reading. */
    long size() throws IOException;

    InputStream open() throws IOException;

    /** The source to keep for reading again later: without what was learned when it was listed (its size then). */
    default TextSource forLater() {
        return this;
    }

    static TextSource of(Path file) {
        return new FileText(file, -1);
    }

    /** A file whose size was just read with its type, when it was listed: the size is not asked for again. */
    static TextSource listed(Path file, long size) {
        return new FileText(file, size);
    }

    /** @param listedSize the size found when the file was listed, or -1 to ask the file system */
    record FileText(Path path, long listedSize) implements TextSource {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public long size() throws IOException {
            return listedSize >= 0 ? listedSize : Files.size(path);
        }

        @Override
        public TextSource forLater() {
            return listedSize < 0 ? this : new FileText(path, -1);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }

    record ResourceText(URL url, String name) implements TextSource {
        @Override
        public long size() {
            return -1;
        }

        @Override
        public InputStream open() throws IOException {
            return url.openStream();
        }
    }
}
