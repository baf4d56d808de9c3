package dev.migrate.source;

import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * SHA-256 that moves to other threads once a stream is large. A big migration is hashed while it is parsed, checked
 * and run (its file, and each section's checksum), and the launcher's C1-only compiler runs SHA-256 without the
 * processor's SHA instructions: on a 50 MiB file that was a third of migrate's CPU, on the command's thread, before
 * the first statement reached the server. The first {@link #INLINE_BYTES} are hashed on the caller's thread, as any
 * digest, so a small file (nearly all of them) never involves another thread; after that the bytes are copied into
 * chunks hashed in order on a worker, while the caller goes on reading and splitting. At most {@link #IN_FLIGHT}
 * chunks wait, so memory stays bounded whatever the file's size. The result is the plain SHA-256 of the bytes, in the
 * order given; {@code digest()} waits for the worker.
 */
final class OffThreadDigest extends MessageDigest {
    static final int INLINE_BYTES = 256 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final int IN_FLIGHT = 8;
    /** Daemon threads that end when idle: nothing to shut down, in the CLI or in an application embedding migrate. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "migrate-sha256");
        thread.setDaemon(true);
        return thread;
    });
    private static final CompletableFuture<Void> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    private final MessageDigest inner = Sha256.newDigest();
    // Made when a stream first goes past INLINE_BYTES: most digests are of small files and never need them.
    private Semaphore slots;
    /** Chunks the worker is done with, used again: a 50 MiB file would otherwise allocate 50 MB of them. */
    private ConcurrentLinkedQueue<byte[]> spare;
    private long inline;
    private byte[] chunk;
    private int chunkLength;
    /** The last chunk handed to the worker; each runs after the one before, so the bytes are hashed in order. */
    private CompletableFuture<Void> pending = NOTHING_PENDING;

    OffThreadDigest() {
        super("SHA-256");
    }

    @Override
    protected void engineUpdate(byte input) {
        if (onCallersThread(1)) {
            inner.update(input);
            return;
        }
        if (chunk == null) {
            chunk = emptyChunk();
        }
        chunk[chunkLength++] = input;
        if (chunkLength == CHUNK) {
            handOver();
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        if (onCallersThread(length)) {
            inner.update(input, offset, length);
            return;
        }
        while (length > 0) {
            if (chunk == null) {
                chunk = emptyChunk();
            }
            int n = Math.min(length, CHUNK - chunkLength);
            System.arraycopy(input, offset, chunk, chunkLength, n);
            chunkLength += n;
            offset += n;
            length -= n;
            if (chunkLength == CHUNK) {
                handOver();
            }
        }
    }

    /** Whether these bytes are still hashed here: only until the stream has grown past {@link #INLINE_BYTES}. */
    private boolean onCallersThread(int length) {
        if (inline < 0 || inline + length > INLINE_BYTES) {
            if (inline >= 0 && slots == null) {
                slots = new Semaphore(IN_FLIGHT);
                spare = new ConcurrentLinkedQueue<>();
            }
            inline = -1; // from now on every byte goes through the worker, after those already hashed here
            return false;
        }
        inline += length;
        return true;
    }

    private byte[] emptyChunk() {
        byte[] reused = spare.poll();
        return reused != null ? reused : new byte[CHUNK];
    }

    private void handOver() {
        byte[] full = chunk;
        int length = chunkLength;
        chunk = null;
        chunkLength = 0;
        slots.acquireUninterruptibly(); // the worker frees a slot within one chunk's hashing
        CompletableFuture<Void> next = pending.thenRunAsync(() -> {
            inner.update(full, 0, length);
            spare.offer(full);
        }, WORKERS);
        next.whenComplete((ignored, failure) -> slots.release());
        pending = next;
    }

    @Override
    protected byte[] engineDigest() {
        finishPending();
        return inner.digest();
    }

    @Override
    protected void engineReset() {
        finishPending();
        inner.reset();
    }

    private void finishPending() {
        if (chunkLength > 0) {
            handOver();
        }
        chunk = null;
        pending.join();
        pending = NOTHING_PENDING;
        inline = 0;
    }
}
