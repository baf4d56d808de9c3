package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * A command line picocli cannot parse: the error, picocli's "did you mean" where it has one, and the command's one
 * usage line, instead of the whole help page, which buries the one line that matters. Exit code 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final Colors colors;

    UsageErrors(Colors colors) {
        this.colors = colors;
    }

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(colors.red("error:") + " " + message(error));
        UnmatchedArgumentException.printSuggestions(error, err);
        String name = command.getCommandSpec().qualifiedName();
        err.println("Usage: " + command.getHelp().abbreviatedSynopsis().strip() + "  (" + name + " --help for more)");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String message(ParameterException error) {
        if (error instanceof MissingParameterException
                && "downgrade".equals(error.getCommandLine().getCommandSpec().name())) {
            return "downgrade needs a TARGET, the revision to go down to: for example `migrate downgrade -1` "
                    + "(one revision down) or `migrate downgrade base` (undo everything).";
        }
        return error.getMessage();
    }
}
