package dev.migrate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The header of a {@link JavaMigration}: the same keys as a SQL migration's {@code -- key: value} lines.
 * {@code downRevision} has no default, so forgetting it is a compile error rather than a silent new root.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
    /** The revision id: letters, digits and '_'. */
    String id();

    /** {@code "none"} for a first revision, the id this one follows, or several ids for a merge. */
    String[] downRevision();

    String message() default "";

    String[] branchLabels() default {};

    String[] dependsOn() default {};

    /** False runs the migration in autocommit, outside a transaction. */
    boolean transaction() default true;
}
