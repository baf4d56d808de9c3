package dev.migrate.source;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much migration text a command may keep in memory after parsing, shared by the threads that read a folder.
 * Kept text spares reading each file again for the checks before a run and for the run itself; past the budget,
 * files are read again as needed, so a folder of many large files does not fill the heap.
 */
public final class TextBudget {
    /** Characters: far above a typical folder (1,000 migrations of a few KiB), far below the heap a run is given. */
    static final long DEFAULT_CHARS = 16L * 1024 * 1024;
    private final AtomicLong left;

    public TextBudget() {
        this(DEFAULT_CHARS);
    }

    TextBudget(long chars) {
        this.left = new AtomicLong(chars);
    }

    /** Whether {@code text} may be kept; if so, it is counted against the budget. */
    boolean keep(String text) {
        return text != null && left.addAndGet(-text.length()) >= 0;
    }
}
