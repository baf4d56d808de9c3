package dev.migrate.source;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;

/** New revision ids in the style a project chose: random hex (default), zero-padded sequence, or UTC timestamp. */
public final class RevisionIds {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private final String style;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RevisionIds(String style, Clock clock) {
        this.style = style;
        this.clock = clock;
    }

    /** An id none of {@code existing} has. */
    public String next(Collection<String> existing) {
        switch (style) {
            case "sequential":
                return sequential(existing);
            case "timestamp":
                String stamp = LocalDateTime.now(clock).format(TIMESTAMP);
                String id = stamp;
                for (int n = 2; existing.contains(id); n++) {
                    id = stamp + "_" + n;
                }
                return id;
            default:
                String hex;
                do {
                    byte[] bytes = new byte[6];
                    random.nextBytes(bytes);
                    hex = HexFormat.of().formatHex(bytes);
                } while (existing.contains(hex));
                return hex;
        }
    }

    /** One more than the highest all-digit id, padded to its width (at least three digits): 001, 002, ... */
    private static String sequential(Collection<String> existing) {
        long highest = 0;
        int width = 3;
        for (String id : existing) {
            if (!id.isEmpty() && id.chars().allMatch(Character::isDigit) && id.length() <= 18) {
                highest = Math.max(highest, Long.parseLong(id));
                width = Math.max(width, id.length());
            }
        }
        return String.format(Locale.ROOT, "%0" + width + "d", highest + 1);
    }
}
