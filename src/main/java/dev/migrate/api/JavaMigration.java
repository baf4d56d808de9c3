package dev.migrate.api;

/**
 * A migration written in Java, for changes SQL cannot express: a backfill that calls a hashing function, a data fix
 * that walks rows in batches. Annotate the class with {@link Revision}; it joins the same graph as the SQL files.
 *
 * <pre>{@code
 * @Revision(id = "5c1d2e3f4a5b", downRevision = "9b1e5c7a2d04", message = "backfill answer counts")
 * public class BackfillAnswerCounts implements JavaMigration {
 *     public void upgrade(MigrationContext context) throws Exception {
 *         try (var update = context.connection().prepareStatement("UPDATE ...")) {
 *             update.executeUpdate();
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>It runs inside the migration's transaction (unless {@code transaction = false}); throwing rolls it back. The
 * class needs a public no-argument constructor. Without an overridden {@link #downgrade} the revision is
 * irreversible, exactly like a SQL file without a downgrade section.
 */
public interface JavaMigration {

    void upgrade(MigrationContext context) throws Exception;

    /**
     * Checks, after {@link #upgrade} and in its transaction, that the upgrade did what it promises (the column is
     * there, the backfill left no NULL). Throwing anything fails the migration and rolls it back. Default: nothing.
     */
    default void verify(MigrationContext context) throws Exception {
    }

    /** Undoes {@link #upgrade}. Not overriding it makes the revision irreversible. */
    default void downgrade(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException("this migration has no downgrade");
    }
}
