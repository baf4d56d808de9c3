package dev.migrate.source;

import dev.migrate.api.Problem;

import java.util.ArrayList;
import java.util.List;

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

    /** Files that sit among the migrations without being one (a stray .py, a backup); for {@code check}. */
    default List<Problem> strayFiles() {
        return List.of();
    }
}
