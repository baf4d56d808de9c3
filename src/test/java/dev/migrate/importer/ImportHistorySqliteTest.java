package dev.migrate.importer;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `migrate import --url` on SQLite databases that each tool migrated: the right revision stamped, or a refusal. */
class ImportHistorySqliteTest {
    static final Map<String, Function<Path, ToolProjects.Project>> LAYOUTS = Map.of(
            "flyway", ToolProjects::flyway, "golang-migrate", ToolProjects::golangMigrate, "dbmate", ToolProjects::dbmate,
            "goose", ToolProjects::goose, "diesel", ToolProjects::diesel, "sqitch", ToolProjects::sqitch);

    @TempDir
    Path root;

    private final Cli cli = new Cli();

    private SqliteFile db() {
        return new SqliteFile(root.resolve("app.db"));
    }

    private Path out() {
        return root.resolve("native");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flyway", "golang-migrate", "dbmate", "goose", "diesel", "sqitch"})
    void stampsTheRevisionTheToolRecordedThenUpgradeAppliesOnlyTheRest(String tool) {
        ToolProjects.Project project = LAYOUTS.get(tool).apply(root);
        SqliteFile registry = new SqliteFile(root.resolve("sqitch.db"));
        ToolHistories.migratedThroughSecond(tool, false, db()::execute, registry::execute);
        Cli.Result imported = importWithUrl(tool, project);
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("Stamped migrate_version at " + project.second() + " (was base"),
                imported.out());
        assertEquals(List.of(project.second()), db().versions());

        Cli.Result again = importWithUrl(tool, project);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("migrate_version already records " + project.second() + "; nothing to stamp."),
                again.out());

        Cli.Result upgrade = cli.run("upgrade", "head", "--dir", out().toString(), "--url", db().url());
        assertEquals(0, upgrade.exitCode(), "only what the tool had not applied runs: " + upgrade);
        assertFalse(upgrade.out().contains("-> " + project.second() + ","), upgrade.out());
        assertEquals(List.of(project.last()), db().versions());
    }

    @Test
    void aDirtyGolangMigrateDatabaseIsRefusedAndNothingIsWritten() {
        ToolProjects.Project project = ToolProjects.golangMigrate(root);
        ToolHistories.migratedThroughSecond("golang-migrate", false, db()::execute, null);
        db().execute("UPDATE schema_migrations SET dirty = true");
        Cli.Result result = importWithUrl("golang-migrate", project);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("schema_migrations marks the database dirty at golang-migrate version 2"),
                result.err());
        assertTrue(result.err().contains("force VERSION"), result.err());
        assertNothingWritten();
    }

    @Test
    void aFailedFlywayMigrationIsRefused() {
        ToolProjects.Project project = ToolProjects.flyway(root);
        ToolHistories.migratedThroughSecond("flyway", false, db()::execute, null);
        db().execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) VALUES (3, '2', 'Index pet names', 'SQL', "
                + "'V2__Index_pet_names.sql', 'app', 3, FALSE)");
        Cli.Result result = importWithUrl("flyway", project);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("records a failed Flyway migration: version 2 (Index pet names), "
                + "installed_rank 3"), result.err());
        assertTrue(result.err().contains("flyway repair"), result.err());
        assertNothingWritten();
    }

    @Test
    void aFlywayUndoTakesItsVersionBack() {
        ToolProjects.Project project = ToolProjects.flyway(root);
        ToolHistories.migratedThroughSecond("flyway", false, db()::execute, null);
        db().execute("DROP TABLE t_pets");
        db().execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) VALUES (3, '1.1', 'Add pets', 'UNDO_SQL', "
                + "'pets/U1.1__Add_pets.sql', 'app', 3, TRUE)");
        Cli.Result result = importWithUrl("flyway", project);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("1"), db().versions());
    }

    @Test
    void aGapInTheHistoryIsRefused() {
        ToolProjects.Project project = ToolProjects.dbmate(root);
        ToolHistories.migratedThroughSecond("dbmate", false, db()::execute, null);
        db().execute("DELETE FROM schema_migrations WHERE version = '20240102120000'");
        db().execute("INSERT INTO schema_migrations (version) VALUES ('20240103120000')");
        Cli.Result result = importWithUrl("dbmate", project);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("schema_migrations records dbmate migration 20240103120000 as applied but not "
                + "20240102120000, which comes before it; nothing was stamped."), result.err());
        assertNothingWritten();
    }

    @Test
    void aMissingHistoryTableIsNamed() {
        ToolProjects.Project project = ToolProjects.goose(root);
        db().execute(ToolProjects.PEOPLE);
        Cli.Result result = importWithUrl("goose", project);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("has no table goose_db_version, where goose keeps its history"), result.err());
        assertTrue(result.err().contains("--history-table"), result.err());
        assertNothingWritten();
    }

    @Test
    void aVersionTableThatAlreadySaysOtherwiseWins() {
        ToolProjects.Project project = ToolProjects.diesel(root);
        ToolHistories.migratedThroughSecond("diesel", false, db()::execute, null);
        db().execute("CREATE TABLE migrate_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)");
        db().execute("INSERT INTO migrate_version VALUES ('20240117080000')");
        Cli.Result result = importWithUrl("diesel", project);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("already records 20240117080000"), result.err());
        assertEquals(List.of("20240117080000"), db().versions());
    }

    @Test
    void aGoMigrationWrittenByHandTakesItsPlaceAndTheHistoryCanThenBeStamped() throws java.io.IOException {
        Path source = root.resolve("goose");
        ToolProjects.write(source.resolve("00001_create_people.sql"), "-- +goose Up\n" + ToolProjects.PEOPLE + "\n");
        ToolProjects.write(source.resolve("00002_backfill_people.go"), "package migrations\n");
        ToolProjects.write(source.resolve("00003_add_pets.sql"), "-- +goose Up\n" + ToolProjects.PETS + "\n");
        ToolHistories.migratedThroughSecond("goose", false, db()::execute, null);
        ToolProjects.Project project = new ToolProjects.Project(source, List.of("00001", "00002", "00003"));
        Cli.Result refused = importWithUrl("goose", project);
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("1 of the files in " + source + " cannot be converted"), refused.err());
        assertNothingWritten();

        Files.createDirectories(out());
        Files.writeString(out().resolve("00002_backfill_people.sql"), "-- revision: 00002\n-- down_revision: 00001\n"
                + "-- message: backfill people\n\n-- migrate:upgrade\nUPDATE t_people SET name = name;\n");
        Cli.Result stamped = importWithUrl("goose", project);
        assertEquals(0, stamped.exitCode(), stamped.toString());
        assertTrue(stamped.out().contains("00002_backfill_people.go was not converted; revision 00002 is in the "
                + "migrations folder already"), stamped.out());
        assertEquals(List.of("00002"), db().versions());
    }

    private Cli.Result importWithUrl(String tool, ToolProjects.Project project) {
        return cli.run("import", "--from", tool, project.source().toString(), "--dir", out().toString(),
                "--url", db().url());
    }

    private void assertNothingWritten() {
        assertFalse(Files.exists(out()), "no migration file written");
        assertFalse(db().query("SELECT name FROM sqlite_master WHERE name = 'migrate_version'").size() > 0,
                "no version table");
    }
}
