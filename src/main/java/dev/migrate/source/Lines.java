package dev.migrate.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The lines of a migration file, without their line terminators. Small files (nearly all migrations) are read in one
 * call and decoded by {@code String}'s own fast path, which at start-up costs far less per file than a decoding
 * stream; large ones are streamed, so their size never reaches the heap. Invalid UTF-8 fails either way.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (old Mac files), the way both databases' lexers end
 * a {@code --} comment, so a CR-only file is read as lines rather than as one garbled line. A UTF-8 byte-order mark
 * at the start is dropped: editors on Windows write one, and it is not SQL.
 *
 * <p>When given a digest, every byte of the file that is read goes through it, so a caller can tell whether the text
 * it read is the text it expected ({@link #digested()} says when the digest already holds the whole file).
 */
abstract class Lines implements Closeable {
    private static final long SMALL_FILE = 256 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private boolean first = true;

    /** The next line, or null at the end. */
    final String next() throws IOException {
        String line = readLine();
        if (first && line != null) {
            first = false;
            if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                return line.substring(1);
            }
        }
        return line;
    }

    abstract String readLine() throws IOException;

    /** Whether the digest given to {@link #of(TextSource, MessageDigest)} has seen the whole file already. */
    abstract boolean digested();

    /** The whole text of a small file, read in one call; null for a large one, which is streamed. */
    abstract String wholeText();

    /** Whether a file of this size (-1: unknown) is read whole, and so never read a second time to split it. */
    static boolean isSmall(long size) {
        return size >= 0 && size <= SMALL_FILE;
    }

    static Lines of(TextSource file) throws IOException {
        return of(file, null);
    }

    /** @param digest when not null, receives every byte of the file as it is read */
    static Lines of(TextSource file, MessageDigest digest) throws IOException {
        return of(file, file.size(), digest);
    }

    /** {@link #of(TextSource, MessageDigest)} of a file whose size the caller has just read. */
    static Lines of(TextSource file, long size, MessageDigest digest) throws IOException {
        if (!isSmall(size)) {
            InputStream in = digest == null ? file.open() : new DigestInputStream(file.open(), digest);
            return new Streamed(new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT))));
        }
        return new InMemory(readWhole(file, size, digest));
    }

    /**
     * The whole text of a small file, read with one call (its bytes through {@code digest}), so that several sections
     * can be split from one read; null for a large one, which is streamed instead.
     */
    static String readIfSmall(TextSource file, MessageDigest digest) throws IOException {
        long size = file.size();
        return size < 0 || size > SMALL_FILE ? null : readWhole(file, size, digest);
    }

    /** Lines of a text read by {@link #readIfSmall}, already checked by the caller. */
    static Lines of(String text) {
        return new InMemory(text);
    }

    private static String readWhole(TextSource file, long size, MessageDigest digest) throws IOException {
        byte[] bytes;
        try (InputStream in = file.open()) {
            // An array of the file's size, not readAllBytes' 16 KiB chunks: reading 10,000 small files allocated
            // 160 MB that way. The extra byte tells a file that grew since its size was taken: the rest follows.
            bytes = in.readNBytes((int) size + 1);
            if (bytes.length > size) {
                byte[] rest = in.readAllBytes();
                byte[] whole = Arrays.copyOf(bytes, bytes.length + rest.length);
                System.arraycopy(rest, 0, whole, bytes.length, rest.length);
                bytes = whole;
            }
        }
        if (digest != null) {
            digest.update(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // Either the file holds U+FFFD itself, or it is not UTF-8: a strict decode tells which (and throws).
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        }
        return text;
    }

    private static final class InMemory extends Lines {
        private final String text;
        private int position;
        // The next '\n' and '\r' at or after position, found once each so a file without '\r' is scanned once.
        private int nextNewline = -1;
        private int nextReturn = -1;

        InMemory(String text) {
            this.text = text;
        }

        @Override
        String readLine() {
            if (position >= text.length()) {
                return null;
            }
            if (nextNewline >= 0 && nextNewline < position) {
                nextNewline = -1;
            }
            if (nextNewline < 0) {
                nextNewline = indexOrEnd('\n');
            }
            if (nextReturn >= 0 && nextReturn < position) {
                nextReturn = -1;
            }
            if (nextReturn < 0) {
                nextReturn = indexOrEnd('\r');
            }
            int end = Math.min(nextNewline, nextReturn);
            String line = text.substring(position, end);
            boolean crlf = end == nextReturn && end + 1 < text.length() && text.charAt(end + 1) == '\n';
            position = end + (crlf ? 2 : 1);
            return line;
        }

        private int indexOrEnd(char c) {
            int index = text.indexOf(c, position);
            return index < 0 ? text.length() : index;
        }

        @Override
        boolean digested() {
            return true;
        }

        @Override
        String wholeText() {
            return text;
        }

        @Override
        public void close() {
        }
    }

    private static final class Streamed extends Lines {
        private final BufferedReader reader;

        Streamed(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        String readLine() throws IOException {
            return reader.readLine();
        }

        @Override
        boolean digested() {
            return false;
        }

        @Override
        String wholeText() {
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
