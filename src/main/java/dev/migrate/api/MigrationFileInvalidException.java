package dev.migrate.api;

/**
 * A migration file turned out to be unusable while its statements were read (text ending inside a quote or comment).
 * {@code check} and the checks before a run report the same {@link Problem}; this is the last line of defence, so
 * that no statement of the file is ever silently dropped. Exit 2.
 */
public class MigrationFileInvalidException extends MigrateException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public MigrationFileInvalidException(Problem problem) {
        super(problem + "\n  Fix the file (`migrate check` lists every such problem) and run the command again.",
                ExitCodes.USAGE);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
