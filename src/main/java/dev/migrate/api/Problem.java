package dev.migrate.api;

/**
 * One thing wrong with the migrations folder, located as precisely as it can be: the file, the line (0 when the
 * problem is not tied to a line) and the revision (null when the file has none yet).
 */
public record Problem(String file, int line, String revision, String message) {

    public static Problem inFile(String file, int line, String revision, String message) {
        return new Problem(file, line, revision, message);
    }

    /** {@code file:line: revision X: message}, the way compilers report, so editors can jump to it. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        if (revision != null) {
            text.append("revision ").append(revision).append(": ");
        }
        return text.append(message).toString();
    }
}
