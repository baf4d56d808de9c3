package dev.migrate.importer;

import java.util.List;
import java.util.function.Consumer;

/**
 * A database that a tool migrated through the second of the {@link ToolProjects} changes: its tables, and its
 * history table created and filled the way that tool does it (column names and types from each tool's own DDL).
 */
final class ToolHistories {
    private ToolHistories() {
    }

    /**
     * @param sql      runs a statement in the database (in the schema under test)
     * @param registry runs a statement where Sqitch keeps its registry: the {@code sqitch} schema on PostgreSQL, the
     *                 {@code sqitch.db} file beside a SQLite database
     */
    static void migratedThroughSecond(String tool, boolean postgres, Consumer<String> sql, Consumer<String> registry) {
        sql.accept(ToolProjects.PEOPLE);
        sql.accept(ToolProjects.PETS);
        String now = postgres ? "now()" : "CURRENT_TIMESTAMP";
        switch (tool) {
            case "flyway" -> {
                sql.accept("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, "
                        + "version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, "
                        + "script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL, "
                        + "installed_on TIMESTAMP NOT NULL DEFAULT " + now + ", execution_time INT NOT NULL, "
                        + "success BOOLEAN NOT NULL)");
                sql.accept("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                        + "checksum, installed_by, execution_time, success) VALUES "
                        + "(1, '1', 'Create people', 'SQL', 'V1__Create_people.sql', 1297374011, 'app', 12, TRUE), "
                        + "(2, '1.1', 'Add pets', 'SQL', 'pets/V1.1__Add_pets.sql', -1543981227, 'app', 9, TRUE)");
            }
            case "golang-migrate" -> {
                if (postgres) {
                    sql.accept("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, "
                            + "dirty boolean not null)");
                } else {
                    sql.accept("CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool)");
                    sql.accept("CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)");
                }
                sql.accept("INSERT INTO schema_migrations (version, dirty) VALUES (2, false)");
            }
            case "dbmate" -> {
                sql.accept("CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) primary key)");
                sql.accept("INSERT INTO schema_migrations (version) VALUES ('20240101120000'), ('20240102120000')");
            }
            case "goose" -> {
                sql.accept(postgres
                        ? "CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, "
                        + "is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))"
                        : "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))");
                // goose's first row, then an up, a down (older goose logged it) and the up again.
                for (String row : List.of("0, true", "1, true", "2, true", "2, false", "2, true")) {
                    sql.accept("INSERT INTO goose_db_version (version_id, is_applied) VALUES (" + row + ")");
                }
            }
            case "diesel" -> {
                sql.accept("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY "
                        + "NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
                sql.accept("INSERT INTO __diesel_schema_migrations (version) VALUES ('20240115093000'), ('20240116101500')");
            }
            case "sqitch" -> {
                String time = postgres ? "TIMESTAMPTZ" : "DATETIME";
                registry.accept("CREATE TABLE " + (postgres ? "sqitch." : "") + "projects (project TEXT PRIMARY KEY, "
                        + "uri TEXT NULL UNIQUE, created_at " + time + " NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                        + "creator_name TEXT NOT NULL, creator_email TEXT NOT NULL)");
                registry.accept("CREATE TABLE " + (postgres ? "sqitch." : "") + "changes (change_id TEXT PRIMARY KEY, "
                        + "script_hash TEXT NULL, change TEXT NOT NULL, project TEXT NOT NULL REFERENCES "
                        + (postgres ? "sqitch." : "") + "projects(project) ON UPDATE CASCADE, note TEXT NOT NULL DEFAULT '', "
                        + "committed_at " + time + " NOT NULL, committer_name TEXT NOT NULL, "
                        + "committer_email TEXT NOT NULL, planned_at " + time + " NOT NULL, planner_name TEXT NOT NULL, "
                        + "planner_email TEXT NOT NULL)");
                String p = postgres ? "sqitch." : "";
                registry.accept("INSERT INTO " + p + "projects (project, uri, creator_name, creator_email) VALUES "
                        + "('petshop', 'https://example.com/petshop/', 'Ann Example', 'ann@example.com'), "
                        + "('other', NULL, 'Zed', 'zed@example.com')");
                registry.accept("INSERT INTO " + p + "changes (change_id, script_hash, change, project, note, committed_at, "
                        + "committer_name, committer_email, planned_at, planner_name, planner_email) VALUES "
                        + "('a1', 'h1', 'people', 'petshop', 'Adds the people who own pets.', '2024-02-01 10:00:00', "
                        + "'Ann', 'ann@example.com', '2024-01-15 09:30:00', 'Ann', 'ann@example.com'), "
                        + "('a2', 'h2', 'pets', 'petshop', 'Adds pets.', '2024-02-01 10:00:01', 'Ann', 'ann@example.com', "
                        + "'2024-01-16 10:15:00', 'Ann', 'ann@example.com'), "
                        + "('z1', 'h3', 'toys', 'other', '', '2024-02-01 10:00:02', 'Zed', 'zed@example.com', "
                        + "'2024-01-16 10:15:00', 'Zed', 'zed@example.com')");
            }
            default -> throw new IllegalArgumentException(tool);
        }
    }
}
