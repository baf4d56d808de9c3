package dev.migrate.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The SHA-256 of one section's SQL with what editors change unasked taken out: line endings (every line counts as
 * ending in {@code \n}), whitespace at the end of a line, and blank lines at the end of the section. A file converted
 * to CRLF by a checkout keeps its checksum; a changed statement does not.
 */
class SectionChecksum {
    /** Takes lines and keeps nothing: where only the graph is wanted, a section's checksum is not needed. */
    static final SectionChecksum NONE = new SectionChecksum(null) {
        @Override
        void add(String line) {
        }

        @Override
        String hex() {
            return null;
        }
    };

    private final MessageDigest digest;
    private int pendingBlankLines;

    SectionChecksum() {
        this(new OffThreadDigest()); // a large section is hashed on another thread while the file is parsed
    }

    private SectionChecksum(MessageDigest digest) {
        this.digest = digest;
    }

    void add(String line) {
        String text = line.stripTrailing();
        if (text.isEmpty()) {
            pendingBlankLines++; // counts only if a non-blank line follows
            return;
        }
        for (; pendingBlankLines > 0; pendingBlankLines--) {
            digest.update((byte) '\n');
        }
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    String hex() {
        return Sha256.hex(digest);
    }
}
