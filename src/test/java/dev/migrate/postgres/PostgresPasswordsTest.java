package dev.migrate.postgres;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A password with every character that means something in a URL, given in every form the CLI takes, never shows in
 * {@code config}, {@code -v}, a connection error or a migration failure. The test server trusts its clients, so any
 * password connects.
 */
class PostgresPasswordsTest {
    private static final String PASSWORD = "p/w@d:x?y#z%q&r;s=t u";
    /** Fragments that would betray the password, whole or in part, plain or encoded. */
    private static final List<String> FRAGMENTS = List.of(PASSWORD, "w@d:x", "q&r;s", "s=t u", encode(PASSWORD),
            "p%2Fw", "hunter");
    private static TestDatabase database;

    @TempDir
    Path work;
    private MigrationFiles files;

    @BeforeAll
    static void createDatabase() {
        database = PostgresServer.available() ? PostgresServer.createDatabase() : null;
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void setUp() {
        PostgresServer.require();
        files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.write("b2", "a1", "SELECT broken_on_purpose();", null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void everyFormOfTheUrlKeepsThePasswordOutOfEveryMessage() throws Exception {
        PostgresServer.Server server = database.server();
        String user = server.user();
        String host = server.host() + ":" + server.port();
        String db = database.name();
        List<String> urls = List.of(
                "postgresql://" + user + ":" + encode(PASSWORD) + "@" + host + "/" + db,
                "postgresql+psycopg2://" + user + ":" + encode(PASSWORD) + "@" + host + "/" + db,
                "jdbc:postgresql://" + user + ":" + encode(PASSWORD) + "@" + host + "/" + db,
                "jdbc:postgresql://" + host + "/" + db + "?user=" + user + "&password=" + encode(PASSWORD),
                "jdbc:postgresql://" + host + "/" + db + "?password=" + encode(PASSWORD) + "&user=" + user,
                "jdbc:postgresql://" + host + "/" + db + ";user=" + user + ";password=" + encode(PASSWORD),
                // Unencoded '/', '@', ':', '?', '#' and a space: the user part ends at the last '@'.
                "postgresql://" + user + ":p/w@d:x?y#z u@" + host + "/" + db);
        List<Cli.Result> results = new ArrayList<>();
        for (String url : urls) {
            String closed = url.replace(":" + server.port() + "/", ":1/");
            results.addAll(runAll(new Cli(Map.of("DATABASE_URL", url)), new Cli(Map.of("DATABASE_URL", closed)),
                    "s_url" + results.size()));
        }
        Path passwordFile = work.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        String plain = server.url(db) + "?user=" + user;
        String plainClosed = plain.replace(":" + server.port() + "/", ":1/");
        results.addAll(runAll(new Cli(Map.of("DATABASE_URL", plain, "PGPASSWORD", PASSWORD)),
                new Cli(Map.of("DATABASE_URL", plainClosed, "PGPASSWORD", PASSWORD)), "s_env"));
        results.addAll(runAll(new Cli(Map.of("DATABASE_URL", plain, "MIGRATE_PASSWORD_FILE", passwordFile.toString())),
                new Cli(Map.of("DATABASE_URL", plainClosed, "MIGRATE_PASSWORD_FILE", passwordFile.toString())),
                "s_file"));
        Cli withOption = new Cli(Map.of("DATABASE_URL", plain));
        results.add(expect(0, withOption.run("-v", "current", "--password", PASSWORD, "--dir", files.dir().toString())));
        results.add(expect(1, new Cli(Map.of("DATABASE_URL", plainClosed)).run("-v", "current", "--password", PASSWORD,
                "--dir", files.dir().toString())));
        for (Cli.Result result : results) {
            for (String fragment : FRAGMENTS) {
                assertFalse(result.out().contains(fragment) || result.err().contains(fragment),
                        "'" + fragment + "' shown:\n" + result);
            }
        }
    }

    /** config, -v current, an upgrade whose second migration fails, and -v current against a closed port. */
    private List<Cli.Result> runAll(Cli open, Cli closed, String schema) {
        String dir = files.dir().toString();
        return List.of(
                expect(0, open.run("config", "--dir", dir, "--schema", schema)),
                expect(0, open.run("-v", "current", "--dir", dir, "--schema", schema)),
                expect(1, open.run("-v", "upgrade", "--dir", dir, "--schema", schema)),
                expect(1, closed.run("-v", "current", "--dir", dir, "--schema", schema)),
                expect(1, closed.run("upgrade", "--dir", dir, "--schema", schema)));
    }

    private static Cli.Result expect(int exitCode, Cli.Result result) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        return result;
    }
}
