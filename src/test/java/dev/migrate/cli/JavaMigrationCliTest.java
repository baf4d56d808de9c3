package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java migrations in a migrations folder, compiled by the CLI, against real SQLite files. */
class JavaMigrationCliTest {
    @TempDir
    Path work;
    private MigrationFiles files;
    private SqliteFile db;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(work.resolve("migrations"));
        db = new SqliteFile(work.resolve("app.db"));
        files.write("a1", "none", "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, shout TEXT);\n"
                + "INSERT INTO person (id, name) VALUES (1, 'ada'), (2, 'alan');", "DROP TABLE person;");
    }

    private Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--url=" + db.url());
        all.add("--dir=" + files.dir());
        return cli.run(all.toArray(String[]::new));
    }

    /** check on the folder alone: with --url it would also require the database to be at head. */
    private Cli.Result checkFolder() {
        return cli.run("check", "--dir=" + files.dir());
    }

    private void javaFile(String className, String body) throws IOException {
        Files.writeString(files.dir().resolve(className + ".java"), """
                import dev.migrate.api.*;
                import java.sql.*;

                """ + body);
    }

    private void backfill() throws IOException {
        javaFile("ShoutNames", """
                @Revision(id = "b2", downRevision = "a1", message = "shout every name")
                public class ShoutNames implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        String mark = context.arguments().getOrDefault("mark", "!");
                        try (PreparedStatement update = context.connection().prepareStatement(
                                "UPDATE person SET shout = upper(name) || ?")) {
                            update.setString(1, mark);
                            context.logger().log(System.Logger.Level.INFO, "shouted {0} names on {1}",
                                    update.executeUpdate(), context.dialect());
                        }
                    }
                    public void downgrade(MigrationContext context) throws Exception {
                        try (Statement clear = context.connection().createStatement()) {
                            clear.executeUpdate("UPDATE person SET shout = NULL");
                        }
                    }
                }
                """);
    }

    @Test
    void javaBackfillRunsInTheGraphWithArguments() throws IOException {
        backfill();
        Cli.Result result = migrate("upgrade", "-x", "mark=?!");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("Running upgrade a1 -> b2, shout every name"), result.out());
        assertTrue(result.out().contains("  INFO: shouted 2 names on sqlite"), result.out());
        assertEquals(List.of("ADA?!", "ALAN?!"), db.query("SELECT shout FROM person ORDER BY id"));
        assertEquals(List.of("b2"), db.versions());
        assertTrue(migrate("show", "b2").out().contains("ShoutNames.java"));
        assertEquals(0, migrate("downgrade", "a1").exitCode());
        assertEquals(Arrays.asList(null, null), db.query("SELECT shout FROM person ORDER BY id"));
        // With -q the migration's line is hidden: its log line names the revision instead of hanging indented.
        Cli.Result quiet = migrate("upgrade", "-q", "-x", "mark=!");
        assertEquals("b2: INFO: shouted 2 names on sqlite\n", quiet.out(), quiet.toString());
    }

    @Test
    void secondRunCompilesNothing() throws IOException {
        backfill();
        Cli.Result first = checkFolder();
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.err().contains("Compiling " + files.dir().resolve("ShoutNames.java")), first.err());
        Path cache = work.resolve(".migrate").resolve("cache");
        List<FileTime> before = classFileTimes(cache);
        assertEquals(1, before.size(), "one compiled class in " + cache);
        assertEquals(List.of("# Made by migrate: everything here can be made again.", "*"),
                Files.readAllLines(cache.resolve(".gitignore")), "the cache is never offered to git");

        Cli.Result second = migrate("upgrade");
        assertEquals(0, second.exitCode(), second.toString());
        assertFalse(second.err().contains("Compiling"), second.err());
        assertEquals(before, classFileTimes(cache));

        Files.writeString(files.dir().resolve("ShoutNames.java"),
                Files.readString(files.dir().resolve("ShoutNames.java")) + "\n// changed\n");
        assertTrue(checkFolder().err().contains("Compiling"), "a changed source is compiled again");
    }

    private static List<FileTime> classFileTimes(Path cache) throws IOException {
        try (Stream<Path> walk = Files.walk(cache)) {
            return walk.filter(f -> f.toString().endsWith(".class")).sorted().map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void compileErrorIsReportedLikeACompilerWithExit2() throws IOException {
        javaFile("Broken", """
                @Revision(id = "b2", downRevision = "a1")
                public class Broken implements JavaMigration {
                    public void upgrade(MigrationContext context) {
                        int x = "not a number";
                    }
                }
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains(files.dir().resolve("Broken.java") + ":7: error: incompatible types"),
                result.err());
        assertFalse(Files.exists(db.path()), "nothing may run");
    }

    @Test
    void exceptionRollsBackTheJavaMigrationsTransaction() throws IOException {
        javaFile("Explodes", """
                @Revision(id = "b2", downRevision = "a1", message = "half a change")
                public class Explodes implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (Statement statement = context.connection().createStatement()) {
                            statement.executeUpdate("INSERT INTO person (id, name) VALUES (3, 'grace')");
                        }
                        throw new IllegalStateException("the rest of the change is impossible");
                    }
                }
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Upgrade of revision b2 (half a change) failed in "
                + files.dir().resolve("Explodes.java")), result.err());
        assertTrue(result.err().contains("IllegalStateException: the rest of the change is impossible"), result.err());
        assertTrue(result.err().contains("still at a1"), result.err());
        assertEquals(List.of("ada", "alan"), db.query("SELECT name FROM person ORDER BY id"));
        assertEquals(List.of("a1"), db.versions());
    }

    @Test
    void missingAnnotationAndIrreversibleJavaMigrations() throws IOException {
        javaFile("NoHeader", "public class NoHeader implements JavaMigration {\n"
                + "    public void upgrade(MigrationContext context) {}\n}\n");
        Cli.Result check = checkFolder();
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains("has no @dev.migrate.api.Revision annotation"), check.out());

        Files.delete(files.dir().resolve("NoHeader.java"));
        javaFile("OneWay", "@Revision(id = \"b2\", downRevision = \"a1\")\npublic class OneWay implements JavaMigration {\n"
                + "    public void upgrade(MigrationContext context) {}\n}\n");
        assertEquals(0, migrate("upgrade").exitCode());
        Cli.Result down = migrate("downgrade", "base");
        assertEquals(2, down.exitCode(), down.toString());
        assertTrue(down.err().contains("b2 has no downgrade"), down.err());
    }

    @Test
    void sqlPlaceholdersComeFromArgumentsAndUnknownOnesStopTheRun() {
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- placeholders: true

                -- migrate:upgrade
                INSERT INTO person (id, name) VALUES (3, '${who}');
                CREATE TABLE t_${suffix} (id INTEGER);
                """);
        Cli.Result missing = migrate("upgrade", "-x", "who=grace");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("b2_revision.sql:7: revision b2: placeholder ${suffix} has no value"),
                missing.err());
        assertFalse(Files.exists(db.path()), "not even a1 may run when a later step cannot; nothing is created");

        assertEquals(0, migrate("upgrade", "-x", "who=grace", "-x", "suffix=audit").exitCode());
        assertEquals(List.of("ada", "alan", "grace"), db.query("SELECT name FROM person ORDER BY id"));
        assertEquals(List.of("t_audit"), db.tables());
    }

    @Test
    void precompiledMigrationFromAClasspathJar() throws Exception {
        Path source = work.resolve("src").resolve("com").resolve("example").resolve("AddAudit.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package com.example;
                import dev.migrate.api.*;
                @Revision(id = "b2", downRevision = "a1", message = "audit table from a jar")
                public class AddAudit implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (var statement = context.connection().createStatement()) {
                            statement.execute("CREATE TABLE t_audit (id INTEGER)");
                        }
                    }
                }
                """);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), source.toString()));
        Path jar = work.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/example/AddAudit.class"));
            Files.copy(classes.resolve("com/example/AddAudit.class"), out);
            out.putNextEntry(new JarEntry("META-INF/services/dev.migrate.api.JavaMigration"));
            write(out, "com.example.AddAudit\n");
        }
        Cli.Result result = migrate("upgrade", "--classpath", jar.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("Running upgrade a1 -> b2, audit table from a jar"), result.out());
        assertEquals(List.of("t_audit"), db.tables());
        // The application's own registered migrations (this test classpath has one) are not mixed in.
        assertFalse(result.out().contains("hash account emails"), result.out());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
