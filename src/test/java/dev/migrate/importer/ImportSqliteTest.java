package dev.migrate.importer;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each tool's folder imported through the CLI, applied to SQLite, downgraded to base and applied again. */
class ImportSqliteTest {
    @TempDir
    Path root;

    private final Cli cli = new Cli();

    @Test
    void flyway() throws IOException {
        Path out = roundTrip("flyway", ToolProjects::flyway);
        String first = read(out, "1");
        assertTrue(first.contains("-- message: Create people\n"), first);
        assertTrue(first.contains("-- migrate:downgrade\nDROP TABLE t_people;"), first);
        assertTrue(read(out, "1_1").contains("-- down_revision: 1\n"));
        assertTrue(read(out, "2").contains("-- transaction: false\n"), "the .sql.conf's executeInTransaction=false");
        String view = read(out, "r_pet_count_view");
        assertTrue(view.contains("-- migrate:downgrade\n-- migrate:nothing"),
                "a repeatable's downgrade does nothing on purpose, and says so: " + view);
        assertTrue(view.contains("-- down_revision: 2\n") && view.contains("-- migrate:downgrade\n"), view);
    }

    @Test
    void flywayRepeatablesAreExplainedInTheOutput() {
        ToolProjects.Project project = ToolProjects.flyway(root);
        Cli.Result result = cli.run("import", "--from", "flyway", project.source().toString(), "--dir", dir().toString());
        assertTrue(result.out().contains("Note: Flyway repeatable migrations (R__) have no equivalent"), result.toString());
    }

    @Test
    void golangMigrateDropsTheTransactionWrapper() throws IOException {
        Path out = roundTrip("golang-migrate", ToolProjects::golangMigrate);
        String first = read(out, "000001");
        String sections = first.substring(first.indexOf("-- migrate:upgrade"));
        assertFalse(sections.contains("BEGIN;") || sections.contains("COMMIT;"), first);
        assertTrue(first.contains("BEGIN; ... COMMIT; wrapper was dropped"), first);
        assertTrue(read(out, "000010").contains("-- down_revision: 000002\n"), "numeric order, ids as written");
    }

    @Test
    void dbmateKeepsTransactionFalse() throws IOException {
        Path out = roundTrip("dbmate", ToolProjects::dbmate);
        assertTrue(read(out, "20240103120000").contains("-- transaction: false\n"));
        assertFalse(read(out, "20240102120000").contains("-- transaction: false"));
        assertFalse(read(out, "20240101120000").contains("migrate:up\n"), "dbmate's markers are gone");
    }

    @Test
    void gooseKeepsNoTransactionAndDropsAnnotations() throws IOException {
        Path out = roundTrip("goose", ToolProjects::goose);
        assertTrue(read(out, "00003").contains("-- transaction: false\n"));
        assertFalse(read(out, "00001").contains("+goose"), read(out, "00001"));
    }

    @Test
    void diesel() throws IOException {
        Path out = roundTrip("diesel", ToolProjects::diesel);
        assertTrue(read(out, "20240117080000").contains("-- transaction: false\n"), "run_in_transaction = false");
        assertTrue(read(out, "20240116101500").contains("-- message: add pets\n"));
    }

    @Test
    void sqitchDependenciesBecomeDependsOnAndVerifyScriptsComments() throws IOException {
        Path out = roundTrip("sqitch", ToolProjects::sqitch);
        String petToys = read(out, "pet_toys");
        assertTrue(petToys.contains("-- down_revision: toys\n-- message: Which pet plays with which toy.\n"
                + "-- depends_on: pets\n"), petToys);
        assertTrue(read(out, "toys").contains("-- down_revision: pets\n-- message: Adds toys, owned by people.\n"
                + "-- depends_on: people\n"), read(out, "toys"));
        assertTrue(petToys.contains("-- Sqitch verify script (verify/pet-toys.sql), not run by migrate:\n"), petToys);
        assertTrue(petToys.contains("--   SELECT pet FROM t_pet_toys WHERE FALSE;"), petToys);
        assertFalse(petToys.contains("\nBEGIN;") || petToys.contains("\nCOMMIT;"), petToys);
        assertTrue(petToys.contains("BEGIN; ... COMMIT; wrapper was dropped"), "the file says what was dropped: " + petToys);
    }

    @Test
    void runningTheImportAgainChangesNothingAndKeepsEditedFiles() throws IOException {
        ToolProjects.Project project = ToolProjects.dbmate(root);
        Path out = dir();
        assertEquals(0, cli.run("import", "--from", "dbmate", project.source().toString(), "--dir", out.toString()).exitCode());
        Path edited = file(out, "20240102120000");
        Files.writeString(edited, Files.readString(edited).replace("name TEXT", "name TEXT NOT NULL"));
        String before = snapshot(out);
        Cli.Result again = cli.run("import", "--from", "dbmate", project.source().toString(), "--dir", out.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(before, snapshot(out), "a second import writes nothing");
        assertTrue(again.out().contains("(0 written, 3 already there)"), again.out());
        assertTrue(again.out().contains("kept " + edited + ": it differs"), again.out());
    }

    @Test
    void whatCannotBeConvertedIsListedAndTheGraphSaysWhatIsMissing() {
        Path source = root.resolve("goose");
        ToolProjects.write(source.resolve("00001_create_people.sql"), "-- +goose Up\n" + ToolProjects.PEOPLE + "\n");
        ToolProjects.write(source.resolve("00002_backfill_people.go"), "package migrations\n");
        ToolProjects.write(source.resolve("00003_add_pets.sql"), "-- +goose Up\n" + ToolProjects.PETS + "\n");
        ToolProjects.write(source.resolve("00004_tenant_schema.sql"), "-- +goose ENVSUB ON\n-- +goose Up\n"
                + "CREATE SCHEMA ${TENANT};\n");
        Cli.Result result = cli.run("import", "--from", "goose", source.toString(), "--dir", dir().toString());
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("Not converted (2):"), result.out());
        assertTrue(result.out().contains("00002_backfill_people.go: a goose Go migration; it is code, not SQL; write "
                + "revision 00002 by hand (same id, down_revision 00001)"), result.out());
        assertTrue(result.out().contains("00004_tenant_schema.sql: a templated file (-- +goose ENVSUB ON)"), result.out());
        Cli.Result check = cli.run("check", "--dir", dir().toString());
        assertEquals(3, check.exitCode(), "the missing revision stays visible: " + check);
        assertTrue(check.out().contains("00002"), check.out());
    }

    @Test
    void flywayJavaMigrationsAndFlywayPlaceholdersAreNotConverted() {
        Path source = root.resolve("flyway");
        ToolProjects.write(source.resolve("V1__Init.sql"), ToolProjects.PEOPLE + "\n");
        ToolProjects.write(source.resolve("V2__Backfill.java"), "public class V2__Backfill {}\n");
        ToolProjects.write(source.resolve("V3__Grant.sql"), "GRANT SELECT ON t_people TO ${flyway:user};\n");
        ToolProjects.write(source.resolve("V4__Prefixed.sql"), "CREATE TABLE ${prefix}_pets (id INTEGER);\n");
        ToolProjects.write(source.resolve("afterMigrate.sql"), "ANALYZE;\n");
        Cli.Result result = cli.run("import", "--from", "flyway", source.toString(), "--dir", dir().toString());
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("V2__Backfill.java: a Flyway Java-based migration"), result.out());
        assertTrue(result.out().contains("V3__Grant.sql: a templated file: Flyway fills ${flyway:user} in"), result.out());
        assertTrue(result.out().contains("afterMigrate.sql: a Flyway callback"), result.out());
        assertTrue(result.out().contains("give each value with -x key=value"), result.out());
    }

    @Test
    void anUnknownToolIsAUsageErrorWithTheNearestName() {
        Cli.Result result = cli.run("import", "--from", "flyweigh", root.toString(), "--dir", dir().toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("did you mean flyway?"), result.err());
        assertFalse(Files.exists(dir()), "nothing written");
    }

    @Test
    void jsonReportsTheSameRecord() {
        ToolProjects.Project project = ToolProjects.goose(root);
        Cli.Result result = cli.run("import", "--from", "goose", project.source().toString(), "--dir", dir().toString(),
                "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("\"revision\" : \"00003\""), result.out());
        assertTrue(result.out().contains("\"outcome\" : \"written\""), result.out());
        assertTrue(result.out().contains("\"complete\" : true"), result.out());
    }

    /** Imports, checks, applies, downgrades to base and applies again; returns the migrations folder. */
    private Path roundTrip(String tool, Function<Path, ToolProjects.Project> layout) {
        ToolProjects.Project project = layout.apply(root);
        Path out = dir();
        Cli.Result imported = cli.run("import", "--from", tool, project.source().toString(), "--dir", out.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("(" + project.ids().size() + " written, 0 already there)"), imported.out());
        assertEquals(0, cli.run("check", "--dir", out.toString(), "--single-head").exitCode());
        SqliteFile db = new SqliteFile(root.resolve("app.db"));
        String[] common = {"--dir", out.toString(), "--url", db.url()};
        Cli.Result up = cli.run(concat("upgrade", "head", common));
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(List.of(project.last()), db.versions());
        assertTrue(db.tables().containsAll(List.of("t_people", "t_pets")), db.tables().toString());
        Cli.Result down = cli.run(concat("downgrade", "base", common));
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(List.of(), db.tables());
        assertEquals(List.of(), db.versions());
        assertEquals(0, cli.run(concat("upgrade", "head", common)).exitCode());
        assertEquals(List.of(project.last()), db.versions());
        return out;
    }

    private Path dir() {
        return root.resolve("migrations-native");
    }

    static String[] concat(String command, String target, String... options) {
        return Stream.concat(Stream.of(command, target), Stream.of(options)).toArray(String[]::new);
    }

    static Path file(Path dir, String id) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> readQuietly(f).startsWith("-- revision: " + id + "\n")).findFirst()
                    .orElseThrow(() -> new AssertionError("no file for revision " + id + " in " + dir));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(Path dir, String id) throws IOException {
        return Files.readString(file(dir, id));
    }

    private static String snapshot(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                all.append(file.getFileName()).append('\n').append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
