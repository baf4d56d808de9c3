package dev.migrate.importer;

import java.nio.file.Path;

/** Reads one tool's migrations folder into native revisions, in the order the tool applies them. */
interface Converter {
    Conversion read(Path source);
}
