package dev.migrate.config;

import dev.migrate.api.UsageException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the URL forms users paste (JDBC URLs, {@code sqlite:///file.db}, {@code postgresql://user:pw@host/db} from
 * hosting dashboards and {@code DATABASE_URL}) into {@link ConnectionSettings}, and masks passwords in any URL.
 */
public final class JdbcUrls {
    private static final Pattern URI = Pattern.compile("(postgres|postgresql)://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]*)(/[^?]*)?(?:\\?(.*))?");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^:/@]*:)[^@/]*@");

    private JdbcUrls() {
    }

    public static ConnectionSettings parse(String url) {
        String text = url.trim();
        if (text.startsWith("jdbc:")) {
            if (!text.startsWith("jdbc:sqlite:") && !text.startsWith("jdbc:postgresql:")) {
                throw unsupported(url);
            }
            return new ConnectionSettings(text, null, null);
        }
        if (text.startsWith("sqlite:///")) {
            // sqlite:///relative.db and sqlite:////absolute.db, as in SQLAlchemy.
            return new ConnectionSettings("jdbc:sqlite:" + text.substring("sqlite:///".length()), null, null);
        }
        Matcher uri = URI.matcher(text);
        if (uri.matches()) {
            return postgres(uri);
        }
        throw unsupported(url);
    }

    private static ConnectionSettings postgres(Matcher uri) {
        String user = decode(uri.group(2));
        String password = decode(uri.group(3));
        String hostPort = uri.group(4).isEmpty() ? "localhost" : uri.group(4);
        String database = uri.group(5) == null ? "/" : uri.group(5);
        List<String> params = new ArrayList<>();
        if (uri.group(6) != null && !uri.group(6).isEmpty()) {
            for (String param : uri.group(6).split("&")) {
                String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                String value = param.contains("=") ? decode(param.substring(param.indexOf('=') + 1)) : "";
                if (key.equals("user") && user == null) {
                    user = value;
                } else if (key.equals("password") && password == null) {
                    password = value;
                } else if (!key.equals("user") && !key.equals("password")) {
                    params.add(param);
                }
            }
        }
        String jdbc = "jdbc:postgresql://" + hostPort + database + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new ConnectionSettings(jdbc, emptyToNull(user), emptyToNull(password));
    }

    /** The URL with any password replaced by {@code ***}: in {@code user:password@} and {@code password=} alike. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    private static String decode(String text) {
        return text == null ? null : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static UsageException unsupported(String url) {
        return new UsageException("Unsupported database URL '" + mask(url) + "'. Use jdbc:sqlite:FILE, "
                + "sqlite:///relative.db, sqlite:////absolute.db, jdbc:postgresql://HOST:PORT/DB or "
                + "postgresql://USER:PASSWORD@HOST:PORT/DB.");
    }
}
