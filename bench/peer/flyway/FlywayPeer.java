import org.flywaydb.core.Flyway;

/**
 * Flyway as a benchmark peer: `java -cp lib/*:classes FlywayPeer URL FOLDER` applies every `V<n>__name.sql` in
 * FOLDER, as `flyway migrate` would, through Flyway's Java API (its command-line distribution is not on Maven
 * Central). Flyway's defaults: a transaction per migration, its history table in the default schema.
 */
public final class FlywayPeer {
    public static void main(String[] args) {
        Flyway.configure()
                .dataSource(args[0], null, null)
                .locations("filesystem:" + args[1])
                .load()
                .migrate();
    }
}
