package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.SchemaReader;

import java.sql.SQLException;

/** Reads the schema of the database a configuration names, through the command's usual connection. */
final class Schemas {
    private Schemas() {
    }

    static SchemaModel read(MigrateConfig config) {
        Connections connections = new Connections(config, MigrationListener.NONE, null);
        if (!connections.databaseExists()) {
            throw new DatabaseException(connections.where() + " does not exist; there is no schema to read. "
                    + "Check --url (or DATABASE_URL).");
        }
        try (Session session = connections.open()) {
            return SchemaReader.read(session.connection(), session.dialect().name(), config.schema(),
                    session.tables().names());
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseErrors.explain("Cannot read the schema of " + connections.where(), e,
                    config.connection()), e);
        }
    }
}
