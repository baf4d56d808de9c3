package dev.migrate.fleet;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.UsageException;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.db.DataSources;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.db.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs {@code schemas_query} on its database, once, before the fleet starts: one connection, closed before any target
 * runs, so it never adds to the fleet's connections.
 */
public final class SchemaQueries implements Selection.SchemaQuery {
    private final Duration wait;
    private final Consumer<String> onWait;

    public SchemaQueries(Duration wait, Consumer<String> onWait) {
        this.wait = wait;
        this.onWait = onWait;
    }

    @Override
    public List<String> list(TargetEntry entry, ConnectionSettings connection) {
        Dialect dialect = Dialect.of(connection);
        String what = "schemas_query of target '" + entry.name() + "' (" + entry.where() + ")";
        try (DataSources.CommandDataSource source = DataSources.forCommand(connection, dialect, wait, onWait);
             Connection session = source.dataSource().getConnection();
             Statement statement = session.createStatement();
             ResultSet rows = statement.executeQuery(entry.schemasQuery())) {
            List<String> schemas = new ArrayList<>();
            while (rows.next()) {
                String schema = rows.getString(1);
                if (schema == null || schema.isBlank()) {
                    throw new UsageException("The " + what + " returned an empty schema name.");
                }
                schemas.add(schema);
            }
            return schemas;
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseErrors.explain("Cannot run the " + what + " on "
                    + dialect.location(connection), e, connection), e);
        } catch (DatabaseException | UsageException e) {
            throw e;
        } catch (Exception e) {
            throw new DatabaseException("Cannot run the " + what + ": " + e.getMessage(), e);
        }
    }
}
