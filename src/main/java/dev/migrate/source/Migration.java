package dev.migrate.source;

import dev.migrate.graph.RevisionNode;

/** A revision together with the means to run it. A SQL file (SqlMigration) or a Java class (JavaMigrationClass). */
public interface Migration {
    RevisionNode revision();
}
