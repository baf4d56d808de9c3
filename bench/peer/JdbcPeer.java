import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's JVM floor: a plain program that opens one JDBC connection and runs the statements a migration run
 * needs, with nothing else (no parsing, no graph, no checks). Modes:
 *   current URL            reads the version table, as `migrate current` does;
 *   upgrade URL COUNT      COUNT transactions, each a CREATE TABLE and the version-table change, as psql -f runs them.
 */
public final class JdbcPeer {
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[1]); Statement statement = connection.createStatement()) {
            if (args[0].equals("current")) {
                try (ResultSet rows = statement.executeQuery("SELECT version_num FROM migrate_version")) {
                    while (rows.next()) {
                        System.out.println(rows.getString(1));
                    }
                }
                return;
            }
            int count = Integer.parseInt(args[2]);
            statement.execute("CREATE TABLE migrate_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)");
            connection.setAutoCommit(false);
            for (int i = 1; i <= count; i++) {
                String rev = String.format("%04d", i);
                statement.execute("CREATE TABLE t_" + rev + " (id INTEGER PRIMARY KEY, name TEXT)");
                statement.execute(i == 1 ? "INSERT INTO migrate_version VALUES ('0001')"
                        : "UPDATE migrate_version SET version_num = '" + rev + "' WHERE version_num = '"
                        + String.format("%04d", i - 1) + "'");
                connection.commit();
            }
        }
    }
}
