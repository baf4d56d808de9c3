package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.TransactionMode;
import dev.migrate.config.ConfigFile;
import dev.migrate.config.MigrateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Schema migrations for SQLite and PostgreSQL: a graph of revisions, each a SQL file with an "
                        + "upgrade and a downgrade section, applied in transactions while a version table records "
                        + "which revisions the database is at.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:a migration or database operation failed",
                "2:bad usage or configuration: no command, unknown option, unreadable folder or settings, invalid header or graph, a target that resolves to nothing, an irreversible downgrade",
                "3:check, status, test or drift found problems; import could not convert some files",
                "141:the reader of the output went away (migrate log | head -1)"},
        footer = {"", "Global options may come before or after the command: "
                + "migrate --url X upgrade head, or migrate upgrade head --url X."})
public final class MigrateCommand implements Callable<Integer> {
    /** Every subcommand, in the order help lists them. {@link Subcommands} registers them. */
    static final List<Class<?>> COMMANDS = List.of(
            UpgradeCommand.class, DowngradeCommand.class, CurrentCommand.class, HistoryCommand.class,
            HeadsCommand.class, ShowCommand.class, StampCommand.class, StatusCommand.class, LogCommand.class,
            AcceptCommand.class, CheckCommand.class, BranchesCommand.class,
            RevisionCommand.class, MergeCommand.class, InitCommand.class, ImportCommand.class, ConfigCommand.class,
            CompletionCommand.class, DriftCommand.class, TestCommand.class, SchemaCommand.class, FleetCommand.class,
            picocli.CommandLine.HelpCommand.class); // `migrate help [COMMAND]`, as git and most CLIs take it

    private final Map<String, String> environment;
    private Printer printer;
    private MigrateConfig config;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Settings file. Default: migrate.toml in the current folder, if there is one.")
    Path configFile;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Database: a JDBC URL (jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB), sqlite:///relative.db, "
                    + "sqlite:////absolute.db or postgresql://USER:PASSWORD@HOST/DB. "
                    + "Default: $MIGRATE_URL, then $DATABASE_URL, then jdbc:sqlite:migrate.db.")
    String url;

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The migrations folder, or classpath:PATH for migrations inside a jar given with "
                    + "--classpath. Default: ./migrations.")
    String dir;

    @Option(names = "--version-table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The table that records the applied revisions. Default: migrate_version.")
    String versionTable;

    @Option(names = "--log-table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The applied-migrations log, beside the version table. Default: the version table's name "
                    + "+ _log (migrate_version_log).")
    String logTable;

    @Option(names = "--ignore-changed", scope = ScopeType.INHERIT,
            description = "Let upgrade and downgrade run although files of applied migrations changed since they "
                    + "ran (see `migrate status`; `migrate accept` records an intended change instead).")
    boolean ignoreChanged;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "Database user (PostgreSQL). Overrides a user in the URL.")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "Database password. Prefer --password-file or $PGPASSWORD: a command line is visible to other users.")
    String password;

    @Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Read the password from the first line of FILE. Order: --password, --password-file, "
                    + "the URL, $PGPASSWORD.")
    Path passwordFile;

    @Option(names = "--schema", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "PostgreSQL schema that holds the version table and comes first on the search path "
                    + "(created by upgrade and stamp if missing).")
    String schema;

    @Option(names = "--transaction-mode", scope = ScopeType.INHERIT, paramLabel = "MODE",
            description = "per-migration (default): each migration commits with its version change. all: the "
                    + "whole run is one transaction, so a failure leaves the database where it started.")
    TransactionMode transactionMode;

    @Option(names = "--lock-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Give up (exit 1) if another migrate command holds this database's migration lock longer. "
                    + "Default: wait until it finishes.")
    Long lockTimeout;

    @Option(names = "--wait", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Keep retrying for up to SECONDS while the database does not accept connections yet "
                    + "(a database container still starting). Default: 0, try once.")
    Long waitSeconds;

    @Option(names = "--classpath", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Jars or folders with precompiled Java migrations (registered as services of "
                    + "dev.migrate.api.JavaMigration) and with classes migrations use. Repeatable, or separated like "
                    + "a Java class path (':', ';' on Windows), as in migrate.toml.")
    List<Path> classpath;

    @Option(names = "--cache-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where compiled Java migrations are kept. Default: .migrate/cache beside the migrations folder.")
    Path cacheDir;

    @Option(names = "-x", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "An argument for Java migrations, and for $${KEY} placeholders in SQL migrations whose "
                    + "header says placeholders: true. Repeatable.")
    List<String> arguments;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail: revision details in current/heads/history, stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only results and errors, not progress.")
    boolean quiet;

    private final Colors colors;
    /** Whether a person watches the output at a terminal: fleets then redraw one progress line. */
    private boolean terminal;

    MigrateCommand(Map<String, String> environment, Colors colors) {
        this.environment = Map.copyOf(environment);
        this.colors = colors;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** {@code migrate} with no command: the usage, on stderr, exit 2, so that a script with an empty $COMMAND fails. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(colors.red("error:") + " migrate needs a command, one of those below "
                + "(for example `migrate upgrade head`).");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    boolean verbose() {
        return verbose;
    }

    boolean isQuiet() {
        return quiet;
    }

    boolean isTerminal() {
        return terminal;
    }

    /** Standard error, for progress that must not mix with a command's result on stdout. */
    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Colors colors() {
        return colors;
    }

    void terminal(boolean terminal) {
        this.terminal = terminal;
    }

    MigrateConfig config() {
        if (config == null) {
            Path file = ConfigFile.locate(configFile);
            config = MigrateConfig.builder()
                    .file(file == null ? null : ConfigFile.read(file, environment))
                    .url(url)
                    .user(user)
                    .password(password)
                    .passwordFile(passwordFile)
                    .location(dir)
                    .schema(schema)
                    .versionTable(versionTable)
                    .logTable(logTable)
                    .ignoreChanged(ignoreChanged)
                    .transactionMode(transactionMode)
                    .lockTimeout(lockTimeout == null ? null : Duration.ofSeconds(lockTimeout))
                    .waitForDatabase(waitSeconds == null ? null : Duration.ofSeconds(waitSeconds))
                    .classpath(classpath)
                    .cacheDir(cacheDir)
                    .arguments(MigrateConfig.parseArguments(arguments == null ? List.of() : arguments))
                    .environment(environment)
                    .build();
        }
        return config;
    }

    Printer printer() {
        if (printer == null) {
            printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr(), quiet, colors);
        }
        return printer;
    }

    /** The first line of a writing command: which database it changes (hidden by -q, like other progress). */
    void announceDatabase() {
        printer().info(DatabaseLine.of(config()));
    }

    Migrator migrator() {
        MigrateConfig config = config();
        if (config.unsetUrl() == null && config.connection().isPostgres()) {
            Logging.routeDriverLogging(verbose);
        }
        if (verbose) {
            printer().note("Using " + config.summary() + ".");
            config.notes().forEach(printer()::note);
        }
        return new Migrator(config, printer());
    }
}
