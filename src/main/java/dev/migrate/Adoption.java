package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.HistoryStamp;
import dev.migrate.api.ImportReport;
import dev.migrate.api.ImportRequest;
import dev.migrate.api.RunResult;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.importer.Conversion;
import dev.migrate.importer.FolderWriter;
import dev.migrate.importer.Position;
import dev.migrate.importer.Recorded;
import dev.migrate.importer.Tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code migrate import}: another tool's migrations become native files, and (when asked) the revision its history
 * table records is stamped. Everything that can refuse (the source, the old history, a version table that already
 * says something else) is checked before the first file is written.
 */
final class Adoption {
    private static final String TABLE_NAME = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?";

    private final MigrateConfig config;
    private final Connections connections;
    private final Migrator migrator;

    Adoption(MigrateConfig config, Connections connections, Migrator migrator) {
        this.config = config;
        this.connections = connections;
        this.migrator = migrator;
    }

    ImportReport run(ImportRequest request) {
        Tool tool = Tool.parse(request.tool());
        Path source = request.source();
        if (config.dir() == null) {
            throw new UsageException("migrate import writes files into a migrations folder; " + config.location()
                    + " is inside a jar. Use --dir with a folder.");
        }
        Path target = config.dir().toAbsolutePath().normalize();
        Path from = source.toAbsolutePath().normalize();
        if (target.startsWith(from) || from.startsWith(target)) {
            throw new UsageException("--dir " + config.dir() + " and " + source + " overlap; import into a folder of "
                    + "its own (--dir), so native files and " + tool.displayName() + "'s files stay apart.");
        }
        Conversion conversion = tool.convert(source);
        FolderWriter writer = new FolderWriter(config.dir(), config.fileTemplate());
        conversion.filledBy(writer.existingIds());
        if (conversion.migrations().isEmpty() && conversion.notConverted().isEmpty()) {
            throw new UsageException(source + " has no " + tool.displayName() + " migrations; nothing was written. "
                    + "Give the folder that holds them.");
        }
        String revision = null;
        Recorded recorded = null;
        String table = null;
        boolean alreadyStamped = false;
        if (request.stampFromHistory()) {
            if (!conversion.notConverted().isEmpty()) {
                throw new UsageException(conversion.notConverted().size() + " of the files in " + source + " cannot be "
                        + "converted, so the history cannot be matched to revisions; nothing was written or stamped. "
                        + "Run the import without --url to write the rest and see the list, write the revisions it "
                        + "names by hand, then run it again with --url.");
            }
            table = request.historyTable() != null ? request.historyTable() : tool.historyTable();
            if (!table.matches(TABLE_NAME)) {
                throw new UsageException("--history-table '" + table + "' is not a table name (letters, digits and '_', "
                        + "optionally schema.table).");
            }
            History history = readHistory(tool, source, conversion, table);
            recorded = history.recorded();
            revision = Position.of(conversion, recorded, tool.displayName(), table, source.toString());
            List<String> rows = history.rows();
            List<String> wanted = revision == null ? List.of() : List.of(revision);
            if (!rows.isEmpty() && !rows.equals(wanted)) {
                throw new DatabaseException("The version table " + config.qualifiedVersionTable() + " already records "
                        + String.join(", ", rows) + ", while " + table + " says " + tool.displayName() + " left the "
                        + "database at " + (revision == null ? "no migration (base)" : "revision " + revision) + "; nothing "
                        + "was written or stamped.\n  migrate already manages this database, so its own table wins. If "
                        + "it is wrong, `migrate stamp --purge REVISION` sets it.");
            }
            alreadyStamped = history.versionTableExists() && rows.equals(wanted);
        }
        List<ImportReport.File> files = writer.write(conversion, tool.displayName(), source);
        HistoryStamp history = null;
        if (request.stampFromHistory()) {
            history = stamp(table, recorded, revision, alreadyStamped);
        }
        return new ImportReport(tool.displayName(), source, config.dir(), files, conversion.notConverted(),
                conversion.notes(), history);
    }

    private HistoryStamp stamp(String table, Recorded recorded, String target, boolean alreadyStamped) {
        if (alreadyStamped) {
            List<String> rows = target == null ? List.of() : List.of(target);
            return new HistoryStamp(table, recorded.summary(), target, rows, rows, true);
        }
        RunResult result = migrator.stamp(target == null ? "base" : target, false);
        return new HistoryStamp(table, recorded.summary(), target, result.headsBefore(), result.headsAfter(), false);
    }

    /** The old tool's history, and migrate's own version table as it is now. */
    private record History(Recorded recorded, List<String> rows, boolean versionTableExists) {
    }

    private History readHistory(Tool tool, Path source, Conversion conversion, String table) {
        if (!connections.databaseExists()) {
            throw new DatabaseException(connections.where() + " does not exist, so it has no " + tool.displayName()
                    + " history to read; nothing was written or stamped. Check --url.");
        }
        try (Session session = connections.open()) {
            Connection connection = session.connection();
            boolean sqliteRegistry = tool == Tool.SQITCH && session.dialect().name().equals("sqlite")
                    && table.startsWith("sqitch.");
            if (sqliteRegistry) {
                attachSqitchRegistry(connection);
            }
            try {
                boolean exists = sqliteRegistry ? attachedTableExists(connection, table.substring("sqitch.".length()))
                        : session.dialect().tableExists(connection, table);
                if (!exists) {
                    throw new DatabaseException(session.where() + " has no table " + table + ", where "
                            + tool.displayName() + " keeps its history; nothing was written or stamped.\n  If "
                            + tool.displayName() + " was configured with another table, name it with --history-table"
                            + (tool == Tool.SQITCH ? " (for Sqitch: registry.changes)" : "") + ".");
                }
                Recorded recorded = tool.history(source).read(connection,
                        sqliteRegistry ? "sqitch." + session.dialect().quote(table.substring(7))
                                : session.dialect().quoteQualified(table), table, conversion);
                return new History(recorded, session.rows(), session.versionTableExists());
            } finally {
                if (sqliteRegistry) {
                    try (Statement detach = connection.createStatement()) {
                        detach.execute("DETACH DATABASE sqitch");
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseErrors.explain("Cannot read " + table + " on " + connections.where(), e,
                    config.connection()), e);
        }
    }

    /**
     * Sqitch keeps a SQLite database's registry in a file of its own beside it, {@code sqitch.db}, and attaches it
     * as {@code sqitch}; so does this read. ATTACH would create a missing file, so its absence is a refusal first.
     */
    private void attachSqitchRegistry(Connection connection) throws SQLException {
        String main = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                if ("main".equals(rows.getString("name"))) {
                    main = rows.getString("file");
                }
            }
        }
        Path registry = Path.of(main == null ? "." : main).toAbsolutePath().resolveSibling("sqitch.db");
        if (!Files.isRegularFile(registry)) {
            throw new DatabaseException("There is no Sqitch registry " + registry + " beside " + connections.where()
                    + " (Sqitch keeps a SQLite database's history in that file); nothing was written or stamped.");
        }
        try (PreparedStatement attach = connection.prepareStatement("ATTACH DATABASE ? AS sqitch")) {
            attach.setString(1, registry.toString());
            attach.execute();
        }
    }

    private static boolean attachedTableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqitch.sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
