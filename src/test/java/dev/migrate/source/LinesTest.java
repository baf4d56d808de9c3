package dev.migrate.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinesTest {
    /** A file whose size was taken before it was written to (or cut short): what is read is what is there now. */
    private record StaleSize(String text, long size) implements TextSource {
        @Override
        public String name() {
            return "0001_stale.sql";
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSmallFileIsReadWholeAndHashedWholeEvenWhenItsSizeChangedSinceItWasTaken() throws Exception {
        String text = "-- revision: 0001\n-- down_revision: none\n\n-- migrate:upgrade\nCREATE TABLE é (id INT);\n"
                .repeat(40);
        for (long size : new long[] {0, 1, 17, text.length() - 1, text.length() + 5, 100_000}) {
            MessageDigest digest = Sha256.newDigest();
            assertEquals(text, Lines.readIfSmall(new StaleSize(text, size), digest), "size " + size);
            assertEquals(Sha256.of(new StaleSize(text, -1)), Sha256.hex(digest), "size " + size);
        }
    }
}
