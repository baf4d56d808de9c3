package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.TransactionMode;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The process entry point: the only place that exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // UTF-8, as migration files are, whatever the locale; buffered, since a --sql script streams through it in
        // pieces of a statement (println still flushes each line of normal output, as before).
        StdoutStream stdout = new StdoutStream();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8),
                1 << 16), true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, System.getenv(), out, err, System.console() != null);
        out.flush();
        IOException lost = stdout.failure();
        if (lost != null && code == ExitCodes.OK) {
            if (StdoutStream.readerGone(lost)) {
                code = SIGPIPE_EXIT; // as `seq 1 100000 | head -1` ends its writer: quietly
            } else {
                err.println("error: the output could not be written whole (" + lost.getMessage()
                        + "): the command itself finished, but what it printed is incomplete.");
                code = ExitCodes.FAILED;
            }
        }
        err.flush();
        System.exit(code);
    }

    /** The exit status of a process that SIGPIPE stopped (128 + 13), which shells and pipefail know. */
    private static final int SIGPIPE_EXIT = 141;

    /** Runs one command line with the given environment and streams; returns the exit code. Used by tests too. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return run(args, environment, out, err, false);
    }

    static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err, boolean terminal) {
        Logging.configure(args);
        Colors colors = Colors.decide(terminal, environment);
        MigrateCommand root = new MigrateCommand(environment, colors);
        root.terminal(terminal);
        CommandLine commandLine = new CommandLine(root);
        Subcommands.register(commandLine, args);
        // After the subcommands are registered: both settings apply to the commands present when they are made.
        // Enum options (--format, --dialect) take any case; --transaction-mode takes the README's per-migration.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.registerConverter(TransactionMode.class, new TransactionModeConverter());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                colors.enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(new UsageErrors(colors));
        commandLine.setExecutionExceptionHandler(new CommandErrors(root, err, colors));
        return commandLine.execute(args);
    }

    /** A class, not a method reference: see {@link CommandErrors} on lambdas and picocli's interfaces. */
    private static final class TransactionModeConverter implements CommandLine.ITypeConverter<TransactionMode> {
        @Override
        public TransactionMode convert(String value) {
            return TransactionMode.parse(value);
        }
    }
}
