import dev.migrate.api.JavaMigration;
import dev.migrate.api.MigrationContext;
import dev.migrate.api.Revision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;

/** A backfill SQL cannot express portably: SHA-256 of every question's prompt. */
@Revision(id = "5c1d2e3f4a5b", downRevision = "d41c8f2e6a90", message = "backfill question prompt digests")
public class BackfillPromptDigests implements JavaMigration {

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        Connection connection = context.connection();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        int filled = 0;
        try (PreparedStatement select = connection.prepareStatement(
                     "SELECT id, prompt FROM question WHERE prompt_digest IS NULL");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE question SET prompt_digest = ? WHERE id = ?");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                byte[] digest = sha256.digest(rows.getString("prompt").getBytes(StandardCharsets.UTF_8));
                update.setString(1, HexFormat.of().formatHex(digest));
                update.setLong(2, rows.getLong("id"));
                update.executeUpdate();
                filled++;
            }
        }
        context.logger().log(System.Logger.Level.INFO, "backfilled {0} prompt digests", filled);
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        try (PreparedStatement clear = context.connection().prepareStatement("UPDATE question SET prompt_digest = NULL")) {
            clear.executeUpdate();
        }
    }
}
