package dev.migrate.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OffThreadDigestTest {
    private static String plain(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void givesTheSha256OfTheBytesInOrderHoweverTheyArrive() {
        // Small (hashed on the caller's thread only), right at the hand-over, and large (hundreds of chunks on the
        // worker): fed in uneven pieces and single bytes, as a stream reader and a line-by-line checksum feed it.
        for (int length : new int[] {0, 1, 1000, OffThreadDigest.INLINE_BYTES, OffThreadDigest.INLINE_BYTES + 1,
                20 * 1024 * 1024 + 17}) {
            byte[] bytes = random(length, length);
            MessageDigest digest = new OffThreadDigest();
            Random pieces = new Random(42);
            for (int at = 0; at < length; ) {
                int n = Math.min(length - at, pieces.nextInt(5) == 0 ? 1 : pieces.nextInt(200_000));
                if (n == 1) {
                    digest.update(bytes[at]);
                } else {
                    digest.update(bytes, at, n);
                }
                at += n;
            }
            assertEquals(plain(bytes), HexFormat.of().formatHex(digest.digest()), "length " + length);
        }
    }

    @Test
    void startsAfreshAfterADigestAndAfterAReset() {
        byte[] first = random(3 * 1024 * 1024, 1);
        byte[] second = random(1024 * 1024, 2);
        MessageDigest digest = new OffThreadDigest();
        digest.update(first);
        assertEquals(plain(first), HexFormat.of().formatHex(digest.digest()));
        digest.update(first, 0, 2 * 1024 * 1024);
        digest.reset();
        digest.update(second);
        assertEquals(plain(second), HexFormat.of().formatHex(digest.digest()));
    }

    @Test
    void digestsOnSeveralThreadsAtOnceEachGetTheirOwnBytes() throws Exception {
        // The folder is read by two threads and an application may run several migrators: the workers are shared,
        // each digest's chunks and order are its own.
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] bytes = random(2 * 1024 * 1024 + i * 4099, 100 + i);
                results.add(callers.submit(() -> {
                    MessageDigest digest = new OffThreadDigest();
                    for (int at = 0; at < bytes.length; at += 8192) {
                        digest.update(bytes, at, Math.min(8192, bytes.length - at));
                    }
                    return new String[] {plain(bytes), HexFormat.of().formatHex(digest.digest())};
                }));
            }
            for (Future<String[]> result : results) {
                String[] expectedAndGot = result.get();
                assertEquals(expectedAndGot[0], expectedAndGot[1]);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    @Timeout(60) // a regression would otherwise hang the build
    void anAbandonedDigestDoesNotHoldUpTheNext() {
        // A file that fails to parse half-way leaves its digest unfinished: its chunks still drain on the workers.
        for (int i = 0; i < 20; i++) {
            MessageDigest abandoned = new OffThreadDigest();
            abandoned.update(random(OffThreadDigest.INLINE_BYTES + 1024 * 1024, i));
        }
        byte[] bytes = random(3 * 1024 * 1024, 7);
        MessageDigest digest = new OffThreadDigest();
        digest.update(bytes);
        assertEquals(plain(bytes), HexFormat.of().formatHex(digest.digest()));
    }
}
