package dev.migrate.source;

import dev.migrate.api.Problem;

import java.util.ArrayList;
import java.util.List;

/** Where revisions come from: a folder, a classpath location, precompiled classes. */
public interface MigrationSource {

    /** What a source holds: the migrations that loaded and the problems of those that did not. */
    record Contents(List<Migration> migrations, List<Problem> problems) {
        public Contents {
            migrations = List.copyOf(migrations);
            problems = List.copyOf(problems);
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
    String describe();

    Contents load();

    /** Files that sit among the migrations without being one (a stray .py, a backup); for {@code check}. */
    default List<Problem> strayFiles() {
        return List.of();
    }
}
