package dev.migrate.source;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where migrate keeps what it can make again (compiled Java migrations, the header index): by default
 * {@code .migrate/cache} in the project. When migrate creates it, it writes a {@code .gitignore} of {@code *} into
 * it, as pytest and mypy do with theirs, so the cache never shows up as files to commit.
 */
final class CacheFolder {
    private CacheFolder() {
    }

    static void prepare(Path cacheDir) throws IOException {
        if (Files.isDirectory(cacheDir)) {
            return;
        }
        Files.createDirectories(cacheDir);
        try {
            Files.writeString(Files.createFile(cacheDir.resolve(".gitignore")),
                    "# Made by migrate: everything here can be made again.\n*\n");
        } catch (FileAlreadyExistsException e) {
            // another process made the folder at the same moment
        }
    }
}
