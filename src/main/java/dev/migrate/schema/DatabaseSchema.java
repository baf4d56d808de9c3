package dev.migrate.schema;

/**
 * What {@code migrate schema} read: the model of one database's schema, the same one {@code drift} and
 * {@code revision --autogenerate} compare.
 *
 * @param database the database it was read from, for messages ({@code PostgreSQL at db:5432 (database shop)})
 * @param model    its schema, migrate's own tables left out
 */
public record DatabaseSchema(String database, SchemaModel model) {
}
