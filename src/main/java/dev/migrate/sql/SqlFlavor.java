package dev.migrate.sql;

/**
 * The lexical rules of one database that decide where a statement ends. PostgreSQL has dollar quoting, E'' strings
 * and nested block comments; SQLite has backtick and [bracket] identifiers. Both know CREATE TRIGGER ... BEGIN ... END
 * and BEGIN ATOMIC ... END bodies.
 */
public enum SqlFlavor {
    SQLITE, POSTGRESQL
}
