package dev.migrate.schema;

/**
 * How one revision fared in {@code migrate test}.
 *
 * @param downgradeDiff from the schema before the upgrade to the schema after upgrade and downgrade: empty when the
 *                      downgrade restores the schema
 * @param repeatDiff    from the schema after the first upgrade to the schema after the second: empty when the
 *                      upgrade can run again after its downgrade
 * @param failure       what failed ({@code upgrade failed: ...}), else null
 */
public record RevisionTest(String revision, String message, Outcome outcome, SchemaDiff downgradeDiff,
                           SchemaDiff repeatDiff, String failure) {
    public enum Outcome {
        /** Downgrade restores the schema and the upgrade repeats it. */
        PASSED,
        /** The downgrade leaves a different schema, or the second upgrade does. */
        DIFFERS,
        /** A statement failed. */
        FAILED,
        /** No downgrade to test (the upgrade was still applied and checked). */
        IRREVERSIBLE
    }

    public boolean passed() {
        return outcome == Outcome.PASSED || outcome == Outcome.IRREVERSIBLE;
    }
}
