package dev.migrate.importer;

import dev.migrate.api.UsageException;
import dev.migrate.text.Similarity;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The tools {@code migrate import --from} reads: how each one's folder converts, and where its history is. */
public enum Tool {
    FLYWAY("flyway", "Flyway", "flyway_schema_history"),
    GOLANG_MIGRATE("golang-migrate", "golang-migrate", "schema_migrations"),
    DBMATE("dbmate", "dbmate", "schema_migrations"),
    GOOSE("goose", "goose", "goose_db_version"),
    DIESEL("diesel", "Diesel", "__diesel_schema_migrations"),
    SQITCH("sqitch", "Sqitch", "sqitch.changes");

    private final String option;
    private final String displayName;
    private final String historyTable;

    Tool(String option, String displayName, String historyTable) {
        this.option = option;
        this.displayName = displayName;
        this.historyTable = historyTable;
    }

    /** {@code --from} values; a typo gets the nearest. */
    public static Tool parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Tool tool : values()) {
            if (tool.option.equals(wanted) || (tool == GOLANG_MIGRATE && wanted.equals("migrate"))) {
                return tool;
            }
        }
        List<String> names = names();
        List<String> close = Similarity.closest(wanted, names, 1);
        throw new UsageException("--from " + name + " is not a tool migrate imports from"
                + (close.isEmpty() ? "" : " (did you mean " + close.get(0) + "?)") + "; one of: "
                + String.join(", ", names) + ".");
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(tool -> tool.option).toList();
    }

    /** As users write it: {@code Flyway}, {@code golang-migrate}. */
    public String displayName() {
        return displayName;
    }

    /** The history table the tool creates by default ({@code sqitch.changes}: the table in Sqitch's registry). */
    public String historyTable() {
        return historyTable;
    }

    public Conversion convert(Path source) {
        return converter().read(source);
    }

    public HistoryTable history(Path source) {
        return switch (this) {
            case FLYWAY -> new FlywayHistory();
            case GOLANG_MIGRATE -> new GolangMigrateHistory();
            case DBMATE, DIESEL -> new AppliedVersions();
            case GOOSE -> new GooseHistory();
            case SQITCH -> new SqitchHistory(SqitchProject.project(source));
        };
    }

    private Converter converter() {
        return switch (this) {
            case FLYWAY -> new FlywayFolder();
            case GOLANG_MIGRATE -> new GolangMigrateFolder();
            case DBMATE -> new DbmateFolder();
            case GOOSE -> new GooseFolder();
            case DIESEL -> new DieselFolder();
            case SQITCH -> new SqitchProject();
        };
    }
}
