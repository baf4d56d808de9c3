package dev.migrate.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Folders laid out the way each tool writes them, with the same three changes in every one: a people table, a pets
 * table that refers to it, and an index on pet names (outside a transaction where the tool can say so). The SQL runs
 * on SQLite and PostgreSQL alike.
 */
final class ToolProjects {
    static final String PEOPLE = "CREATE TABLE t_people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);";
    static final String PETS = "CREATE TABLE t_pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES t_people (id), name TEXT);";
    static final String INDEX = "CREATE INDEX t_pets_name ON t_pets (name);";

    /** A source folder and the revision ids its migrations become, in order. */
    record Project(Path source, List<String> ids) {
        String last() {
            return ids.get(ids.size() - 1);
        }

        /** The revision of the second change: where a database built by the tool is left in history tests. */
        String second() {
            return ids.get(1);
        }
    }

    private ToolProjects() {
    }

    static Project flyway(Path root) {
        Path dir = root.resolve("src/main/resources/db/migration");
        write(dir.resolve("V1__Create_people.sql"), "-- people who own pets\n" + PEOPLE + "\n");
        write(dir.resolve("U1__Create_people.sql"), "DROP TABLE t_people;\n");
        write(dir.resolve("pets/V1.1__Add_pets.sql"), PETS + "\n");
        write(dir.resolve("pets/U1.1__Add_pets.sql"), "DROP TABLE t_pets;\n");
        write(dir.resolve("V2__Index_pet_names.sql"), INDEX + "\n");
        write(dir.resolve("V2__Index_pet_names.sql.conf"), "executeInTransaction=false\n");
        write(dir.resolve("U2__Index_pet_names.sql"), "DROP INDEX t_pets_name;\n");
        write(dir.resolve("R__Pet_count_view.sql"),
                "DROP VIEW IF EXISTS v_pet_count;\nCREATE VIEW v_pet_count AS SELECT 1 AS one;\n");
        return new Project(dir, List.of("1", "1_1", "2", "r_pet_count_view"));
    }

    static Project golangMigrate(Path root) {
        Path dir = root.resolve("db/migrations");
        write(dir.resolve("000001_create_people.up.sql"), "BEGIN;\n\n" + PEOPLE + "\n\nCOMMIT;\n");
        write(dir.resolve("000001_create_people.down.sql"), "BEGIN;\nDROP TABLE t_people;\nCOMMIT;\n");
        write(dir.resolve("000002_add_pets.up.sql"), PETS + "\n");
        write(dir.resolve("000002_add_pets.down.sql"), "DROP TABLE t_pets;\n");
        write(dir.resolve("000010_index_pet_names.up.sql"), INDEX + "\n");
        write(dir.resolve("000010_index_pet_names.down.sql"), "DROP INDEX t_pets_name;\n");
        return new Project(dir, List.of("000001", "000002", "000010"));
    }

    static Project dbmate(Path root) {
        Path dir = root.resolve("db/migrations");
        write(dir.resolve("20240101120000_create_people.sql"),
                "-- migrate:up\n" + PEOPLE + "\n\n-- migrate:down\nDROP TABLE t_people;\n");
        write(dir.resolve("20240102120000_add_pets.sql"),
                "-- migrate:up\n" + PETS + "\n\n-- migrate:down\nDROP TABLE t_pets;\n");
        write(dir.resolve("20240103120000_index_pet_names.sql"),
                "-- migrate:up transaction:false\n" + INDEX + "\n\n-- migrate:down transaction:false\nDROP INDEX t_pets_name;\n");
        return new Project(dir, List.of("20240101120000", "20240102120000", "20240103120000"));
    }

    static Project goose(Path root) {
        Path dir = root.resolve("migrations");
        write(dir.resolve("00001_create_people.sql"), "-- +goose Up\n-- +goose StatementBegin\n" + PEOPLE
                + "\n-- +goose StatementEnd\n\n-- +goose Down\n-- +goose StatementBegin\nDROP TABLE t_people;\n"
                + "-- +goose StatementEnd\n");
        write(dir.resolve("00002_add_pets.sql"), "-- +goose Up\n" + PETS + "\n\n-- +goose Down\nDROP TABLE t_pets;\n");
        write(dir.resolve("00003_index_pet_names.sql"), "-- +goose NO TRANSACTION\n-- +goose Up\n" + INDEX
                + "\n\n-- +goose Down\nDROP INDEX t_pets_name;\n");
        write(dir.resolve("main.go"), "package main\n\nfunc main() {}\n");
        return new Project(dir, List.of("00001", "00002", "00003"));
    }

    static Project diesel(Path root) {
        Path dir = root.resolve("migrations");
        write(dir.resolve(".keep"), "");
        write(dir.resolve("2024-01-15-093000_create_people/up.sql"), PEOPLE + "\n");
        write(dir.resolve("2024-01-15-093000_create_people/down.sql"), "DROP TABLE t_people;\n");
        write(dir.resolve("2024-01-16-101500_add_pets/up.sql"), PETS + "\n");
        write(dir.resolve("2024-01-16-101500_add_pets/down.sql"), "DROP TABLE t_pets;\n");
        write(dir.resolve("2024-01-17-080000_index_pet_names/up.sql"), INDEX + "\n");
        write(dir.resolve("2024-01-17-080000_index_pet_names/down.sql"), "DROP INDEX t_pets_name;\n");
        write(dir.resolve("2024-01-17-080000_index_pet_names/metadata.toml"), "run_in_transaction = false\n");
        return new Project(dir, List.of("20240115093000", "20240116101500", "20240117080000"));
    }

    /**
     * A Sqitch project whose changes branch through their dependencies: pets and toys both require people, and
     * pet_toys requires both; a tag, notes, and the templates' BEGIN/COMMIT and verify scripts.
     */
    static Project sqitch(Path root) {
        Path dir = root.resolve("petshop");
        write(dir.resolve("sqitch.conf"), "[core]\n\tengine = pg\n");
        write(dir.resolve("sqitch.plan"), """
                %syntax-version=1.0.0
                %project=petshop
                %uri=https://example.com/petshop/

                people 2024-01-15T09:30:00Z Ann Example <ann@example.com> # Adds the people who own pets.
                pets [people] 2024-01-16T10:15:00Z Ann Example <ann@example.com> # Adds pets.
                @v1.0 2024-01-16T11:00:00Z Ann Example <ann@example.com> # Tag v1.0.
                toys [people] 2024-01-17T08:00:00Z Bob Example <bob@example.com> # Adds toys, owned by people.
                pet-toys [pets toys] 2024-01-18T08:00:00Z Bob Example <bob@example.com> # Which pet plays with which toy.
                """);
        sqitchChange(dir, "people", PEOPLE, "DROP TABLE t_people;", "SELECT id, name FROM t_people WHERE FALSE;");
        sqitchChange(dir, "pets", PETS, "DROP TABLE t_pets;", "SELECT id FROM t_pets WHERE FALSE;");
        sqitchChange(dir, "toys", "CREATE TABLE t_toys (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES t_people (id));",
                "DROP TABLE t_toys;", "SELECT id FROM t_toys WHERE FALSE;");
        sqitchChange(dir, "pet-toys", "CREATE TABLE t_pet_toys (pet INTEGER REFERENCES t_pets (id), "
                + "toy INTEGER REFERENCES t_toys (id));", "DROP TABLE t_pet_toys;", "SELECT pet FROM t_pet_toys WHERE FALSE;");
        return new Project(dir, List.of("people", "pets", "toys", "pet_toys"));
    }

    private static void sqitchChange(Path dir, String name, String deploy, String revert, String verify) {
        write(dir.resolve("deploy/" + name + ".sql"), "-- Deploy petshop:" + name + " to pg\n\nBEGIN;\n\n" + deploy
                + "\n\nCOMMIT;\n");
        write(dir.resolve("revert/" + name + ".sql"), "-- Revert petshop:" + name + " from pg\n\nBEGIN;\n\n" + revert
                + "\n\nCOMMIT;\n");
        write(dir.resolve("verify/" + name + ".sql"), "-- Verify petshop:" + name + " on pg\n\nBEGIN;\n\n" + verify
                + "\n\nROLLBACK;\n");
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
