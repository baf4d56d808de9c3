package dev.migrate.source;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints of migration text, as lower-case hex. */
final class Sha256 {
    /**
     * A digest never updated, copied for each use: a file is hashed three times (the file, each section), and looking
     * the algorithm up among the security providers for each was a tenth of {@code check}'s time on 10,000 files.
     */
    private static final MessageDigest PRISTINE = lookUp();

    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return (MessageDigest) PRISTINE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp(); // a provider whose digest cannot be copied: look it up each time
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash of a file's bytes, streamed. */
    static String of(TextSource file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }
}
