package db.migrations;

import dev.migrate.api.JavaMigration;
import dev.migrate.api.MigrationContext;
import dev.migrate.api.Revision;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** A precompiled migration, registered in META-INF/services, as an application ships one inside its jar. */
@Revision(id = "002", downRevision = "001", message = "hash account emails")
public class V002HashEmails implements JavaMigration {
    @Override
    public void upgrade(MigrationContext context) throws Exception {
        String salt = context.arguments().getOrDefault("salt", "");
        try (PreparedStatement select = context.connection().prepareStatement("SELECT id, email FROM account");
             PreparedStatement update = context.connection().prepareStatement(
                     "UPDATE account SET email_hash = ? WHERE id = ?");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                update.setString(1, Integer.toHexString((salt + rows.getString(2)).hashCode()));
                update.setInt(2, rows.getInt(1));
                update.executeUpdate();
            }
        }
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        try (PreparedStatement clear = context.connection().prepareStatement("UPDATE account SET email_hash = NULL")) {
            clear.executeUpdate();
        }
    }
}
