package dev.migrate.source;

import java.io.IOException;
import java.io.Reader;

/** Reads the lines {@code [first, end)} of a file (end 0: to the end of the file) without loading the file whole. */
final class SectionReader extends Reader {
    private final Lines lines;
    private final int end;
    private int lineNumber;
    private String current = "";
    private int position;
    private boolean finished;

    SectionReader(TextSource file, int first, int end) throws IOException {
        this.lines = Lines.of(file);
        this.end = end;
        for (lineNumber = 1; lineNumber < first; lineNumber++) {
            if (lines.next() == null) {
                finished = true;
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
        if (end > 0 && lineNumber >= end) {
            finished = true;
            return false;
        }
        String line = lines.next();
        if (line == null) {
            finished = true;
            return false;
        }
        current = line + "\n";
        position = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
