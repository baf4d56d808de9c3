package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.sql.SqlFlavor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Where revisions come from: a folder, a classpath location, precompiled classes. */
public interface MigrationSource {

    /** One file or class read as a migration: the migration, or null and the problems that kept it from being one. */
    interface Parsed {
        Migration migration();

        List<Problem> problems();
    }

    /** What a source holds: the migrations that loaded and the problems of those that did not. */
    record Contents(List<Migration> migrations, List<Problem> problems) {
        public Contents {
            migrations = List.copyOf(migrations);
            problems = List.copyOf(problems);
        }

        public static Contents of(List<? extends Parsed> parsed) {
            List<Migration> migrations = new ArrayList<>(parsed.size());
            List<Problem> problems = new ArrayList<>();
            for (Parsed one : parsed) {
                problems.addAll(one.problems());
                if (one.migration() != null) {
                    migrations.add(one.migration());
                }
            }
            return new Contents(migrations, problems);
        }

        public Contents plus(Contents other) {
            List<Migration> allMigrations = new ArrayList<>(migrations);
            allMigrations.addAll(other.migrations);
            List<Problem> allProblems = new ArrayList<>(problems);
            allProblems.addAll(other.problems);
            return new Contents(allMigrations, allProblems);
        }
    }

    /** How messages name the source. */
    String name();

    Contents load();

    /**
     * What {@link #load} finds, with the same problems, read for the revision graph alone: SQL files as
     * {@link DeclaredRevision}s, without the hashes that running and comparing with the log need.
     */
    default Contents headers() {
        return load();
    }

    /** Files that sit among the migrations without being one (a stray .py, a backup); for {@code check}. */
    default List<Problem> strayFiles() {
        return List.of();
    }

    /**
     * What {@code check} reads: {@link #load}, the problems of each SQL migration's statements under each of
     * {@code flavors} ({@link SqlMigration#problems(List)}, in file order), and {@link #strayFiles}. A folder reads
     * each file once for all of it, and hashes a small one only when asked for {@code checksums} (to compare with a
     * log, or to read the file again safely).
     */
    default Checked check(List<SqlFlavor> flavors, boolean checksums) {
        Contents contents = load();
        Map<SqlFlavor, List<Problem>> statementProblems = Checked.noProblems(flavors);
        for (Migration migration : contents.migrations()) {
            if (migration instanceof SqlMigration sql) {
                sql.problems(flavors).forEach((flavor, problems) -> statementProblems.get(flavor).addAll(problems));
            }
        }
        return new Checked(contents, statementProblems, strayFiles());
    }

    /** What {@link #check} found: the contents, each flavour's statement problems, the stray files. */
    record Checked(Contents contents, Map<SqlFlavor, List<Problem>> statementProblems, List<Problem> strays) {
        /** An empty, growable list for each flavour. */
        static Map<SqlFlavor, List<Problem>> noProblems(List<SqlFlavor> flavors) {
            Map<SqlFlavor, List<Problem>> empty = new EnumMap<>(SqlFlavor.class);
            flavors.forEach(flavor -> empty.put(flavor, new ArrayList<>()));
            return empty;
        }

        /** These, with another source's contents added (precompiled Java migrations have no statements). */
        public Checked plus(Contents other) {
            return new Checked(contents.plus(other), statementProblems, strays);
        }
    }
}
