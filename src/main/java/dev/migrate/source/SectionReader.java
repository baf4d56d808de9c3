package dev.migrate.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Reads the lines {@code [first, end)} of a file (end 0: to the end of the file) without loading the file whole, and
 * makes sure they are lines of the file migrate validated: every byte read goes through a SHA-256 that must match the
 * hash taken when the file was parsed. A file that no longer matches is refused before the first line is handed out
 * when that can be known up front (small files are read whole; large ones are hashed once first, if asked), and
 * again when the section ends, after reading the rest of the file, because it may change while it streams.
 */
final class SectionReader extends Reader {
    private final Lines lines;
    private final int end;
    private final MessageDigest digest = new OffThreadDigest(); // a large file streams while it is hashed
    private final String expectedHash;
    private final Supplier<RuntimeException> changedWhileReading;
    private int lineNumber;
    private String current = "";
    private int position;
    private boolean finished;

    /**
     * @param expectedHash        the SHA-256 of the file when it was parsed
     * @param verifyFirst         hash a streamed (large) file once before reading it, so a change made before the
     *                            command got here stops it before the first statement
     * @param changedBeforeReading what to throw when the file no longer matches before anything was read
     * @param changedWhileReading what to throw when the file no longer matches at the end of the section
     */
    SectionReader(TextSource file, int first, int end, String expectedHash, boolean verifyFirst,
                  Supplier<RuntimeException> changedBeforeReading, Supplier<RuntimeException> changedWhileReading)
            throws IOException {
        this(null, file, first, end, expectedHash, verifyFirst, false, changedBeforeReading, changedWhileReading);
    }

    /**
     * Reads a section of a small file's text that the caller read whole once (with {@link Lines#readIfSmall}) and
     * compared with the hash: several sections are split from one read.
     *
     * @param matches whether that text had the hash the file was parsed with
     */
    SectionReader(String wholeText, boolean matches, int first, int end,
                  Supplier<RuntimeException> changedBeforeReading, Supplier<RuntimeException> changedWhileReading)
            throws IOException {
        this(wholeText, null, first, end, null, false, matches, changedBeforeReading, changedWhileReading);
    }

    private SectionReader(String wholeText, TextSource file, int first, int end, String expectedHash,
                          boolean verifyFirst, boolean textMatches, Supplier<RuntimeException> changedBeforeReading,
                          Supplier<RuntimeException> changedWhileReading) throws IOException {
        this.end = end;
        this.expectedHash = expectedHash;
        this.changedWhileReading = changedWhileReading;
        this.lines = wholeText != null ? Lines.of(wholeText) : Lines.of(file, digest);
        boolean matches = wholeText != null ? textMatches
                : lines.digested() ? Sha256.hex(digest).equals(expectedHash)
                : !verifyFirst || Sha256.of(file).equals(expectedHash);
        if (!matches) {
            lines.close();
            throw changedBeforeReading.get();
        }
        for (lineNumber = 1; lineNumber < first; lineNumber++) {
            if (lines.next() == null) {
                finished = true;
                verifyWholeFile(); // a file that lost its section has changed
                break;
            }
        }
        lineNumber = first - 1;
        position = 0;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length) {
            if (position == current.length()) {
                if (finished || !nextLine()) {
                    break;
                }
            }
            int count = Math.min(length - written, current.length() - position);
            current.getChars(position, position + count, target, offset + written);
            position += count;
            written += count;
        }
        return written == 0 ? -1 : written;
    }

    private boolean nextLine() throws IOException {
        lineNumber++;
        String line = end > 0 && lineNumber >= end ? null : lines.next();
        if (line == null) {
            finished = true;
            verifyWholeFile();
            return false;
        }
        current = line + "\n";
        position = 0;
        return true;
    }

    /**
     * At the end of the section: reads the rest of the file through the digest and compares. A file read whole was
     * compared up front, on the very bytes the section came from.
     */
    private void verifyWholeFile() throws IOException {
        if (lines.digested()) {
            return;
        }
        try {
            while (lines.next() != null) {
                // only the digest needs these lines
            }
        } catch (CharacterCodingException e) {
            throw changedWhileReading.get(); // it was valid UTF-8 when it was parsed
        }
        if (!Sha256.hex(digest).equals(expectedHash)) {
            throw changedWhileReading.get();
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
