/**
 * The public vocabulary of migrate, for applications and for Java migrations: what commands return
 * ({@link dev.migrate.api.RunResult}, {@link dev.migrate.api.CurrentState}, {@link dev.migrate.api.RevisionInfo},
 * {@link dev.migrate.api.CheckReport}), what they throw ({@link dev.migrate.api.MigrateException} and its
 * subclasses, each with an exit code and a message written for people), the events a
 * {@link dev.migrate.api.MigrationListener} hears, and the contract of a Java migration
 * ({@link dev.migrate.api.JavaMigration}, {@link dev.migrate.api.Revision}, {@link dev.migrate.api.MigrationContext}).
 *
 * <p>This package depends on the JDK only. The entry point is {@link dev.migrate.Migrator}.
 */
package dev.migrate.api;
