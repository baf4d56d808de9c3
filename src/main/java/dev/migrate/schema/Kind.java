package dev.migrate.schema;

import java.util.Locale;

/**
 * What a schema object is. Declared in creation order: a type before the tables that use it, a table before its
 * columns, constraints and indexes, tables before the views over them. Diffs list changes in this order, and the DDL
 * writer creates in it and drops in reverse.
 */
public enum Kind {
    EXTENSION, TYPE, DOMAIN, SEQUENCE, FUNCTION, TABLE, COLUMN, CONSTRAINT, INDEX, VIEW, MATERIALIZED_VIEW, TRIGGER;

    /** As the diff prints it: {@code materialized view}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
