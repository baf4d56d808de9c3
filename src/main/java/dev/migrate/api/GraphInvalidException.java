package dev.migrate.api;

import java.util.List;

/**
 * The migrations folder does not describe a valid revision graph. Carries every problem found, not only the first,
 * so one run of {@code migrate check} shows an author all there is to fix. Exit 2 (3 from {@code check}).
 */
public class GraphInvalidException extends MigrateException {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public GraphInvalidException(List<Problem> problems) {
        super(message(problems), ExitCodes.USAGE);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        StringBuilder text = new StringBuilder("The migrations folder has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                // Said by reading commands too, and after import wrote its files: no command touches the database
                // before its graph holds.
                .append("; the database was not touched:");
        for (Problem problem : problems) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
