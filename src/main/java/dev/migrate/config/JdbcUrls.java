package dev.migrate.config;

import dev.migrate.api.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the URL forms users paste (JDBC URLs, {@code sqlite:///file.db}, {@code postgresql://user:pw@host/db} from
 * hosting dashboards and {@code DATABASE_URL}, SQLAlchemy's {@code postgresql+psycopg2://}) into
 * {@link ConnectionSettings}, and masks passwords in any URL.
 *
 * <p>Credentials never stay in the URL: {@code user:password@}, {@code ?user=}, {@code &password=} and
 * {@code ;password=} are moved into the settings, so nothing downstream (messages, the pool, the driver's own log
 * lines) ever sees them. A URL that names no database is refused rather than guessed: an empty PostgreSQL URL would
 * connect to a database named after the OS user, an empty SQLite one to a throw-away in-memory database.
 */
public final class JdbcUrls {
    private static final String JDBC_SQLITE = "jdbc:sqlite:";
    private static final String JDBC_POSTGRES = "jdbc:postgresql:";
    /** Keys whose values are secrets, in any URL form: password, sslpassword. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][a-z_]*password=)[^&;]*");
    /** Hosts, ports and host lists as the PostgreSQL driver takes them ({@code h1:5432,h2}, {@code [::1]:5432}). */
    private static final Pattern HOSTS = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:,%]*");
    /** The start of a query parameter: an '@' after one is part of its value, not the end of a password. */
    private static final Pattern QUERY_KEY = Pattern.compile("[?;&][A-Za-z_][A-Za-z0-9_]*=");
    private static final String EXAMPLES = "postgresql://USER@HOST:5432/DATABASE, jdbc:postgresql://HOST:5432/DATABASE, "
            + "sqlite:///relative/app.db, sqlite:////absolute/app.db or jdbc:sqlite:app.db";

    /** A URL read: how to connect, and notes for {@code -v} on how the URL was understood. */
    public record Parsed(ConnectionSettings settings, List<String> notes) {
        public Parsed {
            notes = List.copyOf(notes);
        }
    }

    private JdbcUrls() {
    }

    public static ConnectionSettings parse(String url) {
        return read(url).settings();
    }

    /**
     * @throws UsageException for a form migrate does not take, a URL without a database, or a malformed
     *                        {@code %}-escape; the message never contains the password
     */
    public static Parsed read(String url) {
        String text = url.trim();
        List<String> notes = new ArrayList<>();
        if (text.startsWith(JDBC_SQLITE)) {
            return new Parsed(sqlite(url, text.substring(JDBC_SQLITE.length())), notes);
        }
        if (text.startsWith(JDBC_POSTGRES)) {
            String rest = text.substring(JDBC_POSTGRES.length());
            return new Parsed(rest.startsWith("//") ? postgres(url, rest.substring(2))
                    : postgres(url, "/" + rest), notes); // jdbc:postgresql:DB means localhost, as the driver reads it
        }
        if (text.startsWith("jdbc:")) {
            throw unsupported(url);
        }
        int separator = text.indexOf("://");
        if (separator < 0) {
            throw unsupported(url);
        }
        String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
        String rest = text.substring(separator + 3);
        int plus = scheme.indexOf('+');
        String base = plus < 0 ? scheme : scheme.substring(0, plus);
        if (plus >= 0) {
            // SQLAlchemy and Alembic name a Python driver after '+'; migrate always uses its JDBC driver.
            notes.add("Read " + scheme + ":// as " + base + "://: the driver part '" + scheme.substring(plus + 1)
                    + "' is for Python; migrate connects with its own JDBC driver.");
        }
        switch (base) {
            case "sqlite":
                if (!rest.startsWith("/")) {
                    throw new UsageException("The SQLite URL '" + mask(url) + "' has a host part; SQLite URLs have "
                            + "three slashes before a relative path (sqlite:///app.db) and four before an absolute "
                            + "one (sqlite:////var/lib/app.db).");
                }
                return new Parsed(sqlite(url, rest.substring(1)), notes);
            case "postgres":
            case "postgresql":
                return new Parsed(postgres(url, rest), notes);
            default:
                throw unsupported(url);
        }
    }

    /** {@code path} is what follows {@code jdbc:sqlite:} or {@code sqlite:///}: a file, maybe with {@code ?params}. */
    private static ConnectionSettings sqlite(String url, String path) {
        int query = path.indexOf('?');
        String file = query < 0 ? path : path.substring(0, query);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:") || path.contains("mode=memory")) {
            throw new UsageException("The database URL '" + mask(url) + "' names no database file: SQLite would use "
                    + "an in-memory database, and everything migrated would be lost when the command exits. Name a "
                    + "file, for example sqlite:///app.db (relative to the current folder), sqlite:////var/lib/app.db "
                    + "or jdbc:sqlite:app.db.");
        }
        return new ConnectionSettings(JDBC_SQLITE + path, null, null);
    }

    /**
     * {@code rest} is what follows {@code //}: {@code [user[:password]@]hosts[/database][?params]}. The user part
     * ends at the last {@code @} that a {@code /database} follows, so an unencoded {@code @} or {@code /} in a
     * password does not turn its tail into the host.
     */
    private static ConnectionSettings postgres(String url, String rest) {
        int at = userInfoEnd(rest);
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name", url);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password", url);
            rest = rest.substring(at + 1);
        }
        int hostsEnd = indexOfAny(rest, "/?;");
        String hosts = rest.substring(0, hostsEnd);
        if (!HOSTS.matcher(hosts).matches()) {
            // The host part is not shown: when a password was not read as one, it may be in there.
            throw new UsageException("The database URL '" + mask(url) + "' has no valid host name or address before "
                    + "its /database. A full URL looks like " + EXAMPLES + "; encode special characters of a "
                    + "password as %XX ('@' as %40, '/' as %2F, '?' as %3F).");
        }
        rest = rest.substring(hostsEnd);
        String database = "";
        if (rest.startsWith("/")) {
            int end = indexOfAny(rest, "?;");
            database = rest.substring(1, end);
            rest = rest.substring(end);
        }
        if (decode(database, "database name", url).isEmpty()) {
            throw new UsageException("The database URL '" + mask(url) + "' names no database, so the driver would "
                    + "pick one (the user's name on localhost). Name it at the end of the URL, for example "
                    + "postgresql://USER@HOST:5432/DATABASE or jdbc:postgresql://HOST:5432/DATABASE.");
        }
        List<String> params = new ArrayList<>();
        // Parameters follow '?' and are joined by '&'; ';' is taken too, since it is how credentials are appended
        // to JDBC URLs of other databases.
        for (String param : rest.isEmpty() ? new String[0] : rest.substring(1).split("[&;?]")) {
            if (param.isEmpty()) {
                continue;
            }
            int equals = param.indexOf('=');
            String key = (equals < 0 ? param : param.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : param.substring(equals + 1);
            if (key.equals("user")) {
                user = user == null ? decode(value, "user name", url) : user;
            } else if (key.equals("password")) {
                password = password == null ? decode(value, "password", url) : password;
            } else {
                decode(value, "value of '" + key + "'", url);
                params.add(param);
            }
        }
        String hostList = hosts.isEmpty() ? "localhost" : hosts;
        for (String host : hostList.split(",")) {
            String hostPort = host.startsWith("[") && host.contains("]") ? host.substring(host.indexOf(']') + 1) : host;
            int colon = hostPort.lastIndexOf(':');
            String port = colon >= 0 ? hostPort.substring(colon + 1) : "5432";
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new UsageException("The port '" + port + "' in the database URL '" + mask(url) + "' is not a "
                        + "port number (1 to 65535). A full URL looks like " + EXAMPLES + ".");
            }
        }
        String jdbc = "jdbc:postgresql://" + hostList + "/" + database
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new ConnectionSettings(jdbc, emptyToNull(user), emptyToNull(password));
    }

    /**
     * Where the user information ends: at the last '@' that is not inside a query parameter's value (an '@' with a
     * {@code ?key=} or {@code &key=} before it), or -1 when there is none.
     */
    private static int userInfoEnd(String rest) {
        for (int at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
            if (!QUERY_KEY.matcher(rest.substring(0, at)).find()) {
                return at;
            }
        }
        return -1;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /**
     * Percent-decoding as URLs mean it: {@code %XX} is a byte of UTF-8 and {@code +} stays a plus, as libpq reads
     * {@code postgresql://} URLs ({@link java.net.URLDecoder} would make it a space and breaks passwords with '+').
     */
    private static String decode(String text, String what, String url) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                // The text itself is not shown: it may be the password.
                throw new UsageException("The " + what + " in the database URL '" + mask(url) + "' has a '%' that "
                        + "does not start a %XX escape. Write a literal '%' as %25 (and '@' as %40, '/' as %2F).");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The URL with every credential replaced by {@code ***}: the password in {@code user:password@} (up to the last
     * '@', since an unencoded '@' may be part of it, even if that masks the tail of a query value) and the values of {@code password=} and {@code sslpassword=}.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        int start = masked.indexOf("//");
        if (start >= 0) {
            String rest = masked.substring(start + 2);
            // The last '@' of all, not userInfoEnd: when in doubt, mask more.
            int at = rest.lastIndexOf('@');
            int colon = rest.indexOf(':');
            if (at >= 0 && colon >= 0 && colon < at) {
                masked = masked.substring(0, start + 2) + rest.substring(0, colon + 1) + "***" + rest.substring(at);
            }
        }
        return masked;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static UsageException unsupported(String url) {
        return new UsageException("Unsupported database URL '" + mask(url) + "'. Use " + EXAMPLES
                + " (postgres://, postgresql+DRIVER:// and sqlite+DRIVER:/// are read as their plain forms).");
    }
}
