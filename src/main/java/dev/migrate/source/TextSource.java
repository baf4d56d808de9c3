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

    static TextSource of(Path file) {
        return new FileText(file);
    }

    record FileText(Path path) implements TextSource {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public long size() throws IOException {
            return Files.size(path);
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
