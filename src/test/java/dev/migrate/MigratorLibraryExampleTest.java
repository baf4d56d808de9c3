package dev.migrate;

import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's plain-Java example of an application that runs its migrations at start-up, taken from the README
 * itself, compiled, and run as an application would run it: its own class loader holding its classes and its
 * {@code db/migrations} resources, and a {@code DataSource} of its own.
 */
class MigratorLibraryExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmeApplicationMigratesItsOwnDataSource(@TempDir Path temp) throws Exception {
        String source = readmeBlockDeclaring("public final class Application");
        Path sources = Files.createDirectories(temp.resolve("src"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Files.writeString(sources.resolve("Application.java"), source);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, errors, "-d", classes.toString(), "-classpath", classpath,
                sources.resolve("Application.java").toString());
        assertEquals(0, compiled, "the README's example compiles against the library: " + errors);

        // The application's resources, in src/main/resources/db/migrations as the README says.
        Path migrations = Files.createDirectories(classes.resolve("db/migrations"));
        Files.writeString(migrations.resolve("001_create_orders.sql"), "-- revision: 001\n-- down_revision: none\n"
                + "-- message: create orders\n\n-- migrate:upgrade\nCREATE TABLE orders (id INTEGER PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("002_add_total.sql"), "-- revision: 002\n-- down_revision: 001\n"
                + "-- message: add order totals\n\n-- migrate:upgrade\nALTER TABLE orders ADD COLUMN total INTEGER;\n");

        SqliteFile database = new SqliteFile(temp.resolve("shop.db"));
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(database.url());

        String printed = runMigrate(applicationLoader(classes, classpath), dataSource);
        // Other lines are Logback's (unconfigured in this loader, so it prints debug lines to the console).
        assertEquals(List.of("migrated to 001, create orders", "migrated to 002, add order totals"),
                printed.lines().filter(line -> line.startsWith("migrated")).toList());
        assertEquals(List.of("002"), database.query("SELECT version_num FROM migrate_version"));
        assertTrue(database.query("SELECT sql FROM sqlite_master WHERE name = 'orders'").get(0).contains("total"));
    }

    /** Calls {@code Application.migrate(dataSource)} with the application's loader as the context class loader. */
    private static String runMigrate(ClassLoader application, DataSource dataSource) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        thread.setContextClassLoader(application);
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Method migrate = application.loadClass("Application").getDeclaredMethod("migrate", DataSource.class);
            migrate.setAccessible(true);
            migrate.invoke(null, dataSource);
        } finally {
            System.setOut(out);
            thread.setContextClassLoader(previous);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /**
     * The application's classes and resources, with the library and its dependencies, but not this project's test
     * resources (they hold a {@code db/migrations} folder of their own).
     */
    private static ClassLoader applicationLoader(Path classes, String classpath) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).endsWith("test-classes")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static String readmeBlockDeclaring(String declaration) throws Exception {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of("README.md")));
        while (block.find()) {
            if (block.group(1).contains(declaration)) {
                return block.group(1);
            }
        }
        throw new AssertionError("README.md has no java block with " + declaration);
    }
}
