package dev.migrate.api;

import java.sql.Connection;
import java.util.Map;

/** What a running {@link JavaMigration} may use. */
public interface MigrationContext {

    /** The connection, inside the migration's transaction (in autocommit for {@code transaction = false}). */
    Connection connection();

    /** {@code sqlite} or {@code postgresql}, for migrations that differ per database. */
    String dialect();

    /** The {@code -x key=value} arguments of the command line (or those given to the Java API). */
    Map<String, String> arguments();

    /** The revision being run. */
    String revision();

    /** Messages printed under the migration's line, like a server's notices; also for applications' listeners. */
    System.Logger logger();
}
