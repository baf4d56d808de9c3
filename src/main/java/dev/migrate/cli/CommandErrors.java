package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * A command that failed while running: our own errors as one {@code error:} line (with the stack trace under
 * {@code -v}) and their exit code; anything else is a bug, reported with its stack trace. A class rather than a
 * lambda: a lambda implementing one of picocli's Java 5 interfaces keeps that interface, and every class using it,
 * out of the launcher's class-data archive.
 */
final class CommandErrors implements CommandLine.IExecutionExceptionHandler {
    private final MigrateCommand root;
    private final PrintWriter err;
    private final Colors colors;

    CommandErrors(MigrateCommand root, PrintWriter err, Colors colors) {
        this.root = root;
        this.err = err;
        this.colors = colors;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parseResult) {
        root.printer().endLine();
        if (error instanceof MigrateException failure) {
            err.println(colors.red("error:") + " " + failure.getMessage());
            if (root.verbose()) {
                error.printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        }
        err.println("error: internal error: " + error);
        error.printStackTrace(err);
        err.println("This is a bug in migrate; please report it with the output above.");
        err.flush();
        return ExitCodes.FAILED;
    }
}
