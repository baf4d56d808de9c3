package dev.migrate.api;

/**
 * A migration file's content is no longer what migrate read and validated when the command loaded it (a
 * {@code git checkout} or a deploy unpacking files while the command waited for the lock). Running the new text under
 * the old reading could run one section as another, so the command stops: before the migration's first statement
 * when the change is found up front, or at the end of its section (before its transaction may commit) when the file
 * changes while it streams. Exit 1: run the command again, and it reads the file afresh.
 */
public class MigrationFileChangedException extends MigrateException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String revision;
    private final boolean beforeFirstStatement;

    public MigrationFileChangedException(String file, String revision, boolean beforeFirstStatement) {
        this(file, revision, beforeFirstStatement, null);
    }

    private MigrationFileChangedException(String file, String revision, boolean beforeFirstStatement,
                                          java.util.List<String> headsNow) {
        super(file + " (revision " + revision + ") changed after migrate read it: its content no longer matches "
                        + "what was validated when this command started (was a checkout or a deploy writing files?). "
                        + (beforeFirstStatement ? "Nothing of revision " + revision + " was run."
                        : "The change was found while its statements were read, before revision " + revision
                        + " was recorded: none of them may be kept.")
                        + (headsNow == null ? "" : " The database is at " + (headsNow.isEmpty()
                        ? "base (no revision applied)" : String.join(", ", headsNow)) + ".")
                        + " Run the command again; it will read the file as it is now.",
                ExitCodes.FAILED);
        this.file = file;
        this.revision = revision;
        this.beforeFirstStatement = beforeFirstStatement;
    }

    /** The same failure, saying where the database is now (the migrations before this one stay applied). */
    public MigrationFileChangedException at(java.util.List<String> headsNow) {
        return new MigrationFileChangedException(file, revision, beforeFirstStatement, headsNow);
    }

    /** The file, as messages name it. */
    public String file() {
        return file;
    }

    /** The revision the file declared when it was loaded. */
    public String revision() {
        return revision;
    }
}
