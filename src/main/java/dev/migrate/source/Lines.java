package dev.migrate.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a migration file, without their line terminators. Small files (nearly all migrations) are read in one
 * call and decoded by {@code String}'s own fast path, which at start-up costs far less per file than a decoding
 * stream; large ones are streamed, so their size never reaches the heap. Invalid UTF-8 fails either way.
 */
abstract class Lines implements Closeable {
    private static final long SMALL_FILE = 256 * 1024;

    /** The next line, or null at the end. */
    abstract String next() throws IOException;

    static Lines of(TextSource file) throws IOException {
        long size = file.size();
        if (size < 0 || size > SMALL_FILE) {
            return new Streamed(new BufferedReader(new InputStreamReader(file.open(),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT))));
        }
        byte[] bytes;
        try (InputStream in = file.open()) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // Either the file holds U+FFFD itself, or it is not UTF-8: a strict decode tells which (and throws).
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        }
        return new InMemory(text);
    }

    private static final class InMemory extends Lines {
        private final String text;
        private int position;

        InMemory(String text) {
            this.text = text;
        }

        @Override
        String next() {
            if (position >= text.length()) {
                return null;
            }
            int end = text.indexOf('\n', position);
            if (end < 0) {
                end = text.length();
            }
            int stop = end > position && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(position, stop);
            position = end + 1;
            return line;
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
        String next() throws IOException {
            return reader.readLine();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
