package dev.migrate.importer;

import java.util.Locale;

/** Text made into the letters, digits and '_' of a revision id or a file name. */
final class Slug {
    private Slug() {
    }

    /** {@code Add users!} becomes {@code add_users}; at most {@code max} characters. */
    static String of(String text, int max) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "migration" : slug;
    }

    /** A name of another tool as a revision id: characters other than letters, digits and '_' become '_'. */
    static String id(String name) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
