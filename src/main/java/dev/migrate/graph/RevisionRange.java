package dev.migrate.graph;

/**
 * {@code START:END} as users write it for {@code history -r} and offline scripts. Each side is a target, or empty
 * for "from the beginning" / "to the end"; {@code separated} is false when the text had no colon (only an END).
 */
public record RevisionRange(String start, String end, boolean separated) {

    public static RevisionRange parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return new RevisionRange("", trimmed, false);
        }
        return new RevisionRange(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).trim(), true);
    }
}
