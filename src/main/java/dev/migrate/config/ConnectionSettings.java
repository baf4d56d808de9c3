package dev.migrate.config;

/**
 * How to connect: a JDBC URL with no credentials in it, and the credentials beside it. Keeping the password out of
 * the URL means the URL can be printed as it is; {@link #toString()} never shows the password.
 */
public record ConnectionSettings(String jdbcUrl, String user, String password) {

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** A description safe for output and logs. */
    @Override
    public String toString() {
        return JdbcUrls.mask(jdbcUrl) + (user == null ? "" : " (user " + user + ")")
                + (password == null ? "" : " (password ***)");
    }
}
