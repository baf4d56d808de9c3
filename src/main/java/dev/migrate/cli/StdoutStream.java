package dev.migrate.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;

/**
 * The process's standard output, remembering the first write that failed: {@link java.io.PrintWriter} swallows
 * it, and a command whose output was lost (a full disk) must not exit 0, nor go on writing to a pipe whose reader
 * is gone ({@code migrate log | head -1}).
 */
final class StdoutStream extends FilterOutputStream {
    private IOException failure;

    StdoutStream() {
        super(new FileOutputStream(FileDescriptor.out));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    /** The first write that failed, or null. */
    IOException failure() {
        return failure;
    }

    /** Whether the reader of a pipe went away: as for programs that SIGPIPE stops, not an error to report. */
    static boolean readerGone(IOException e) {
        String message = e.getMessage();
        return message != null && message.contains("Broken pipe");
    }
}
