package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import dev.migrate.config.JdbcUrls;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

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
        if (error instanceof MissingParameterException
                && "stamp".equals(error.getCommandLine().getCommandSpec().name())) {
            return "stamp needs a TARGET, the revision the database's schema is at already: for example `migrate "
                    + "stamp head` (see `migrate history`), or `migrate stamp base` (no revision applied).";
        }
        if (error instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched(unmatched.getUnmatched());
        }
        return JdbcUrls.mask(error.getMessage());
    }

    /**
     * picocli repeats what it could not match, values included: {@code --pasword SECRET} printed the password. The
     * names of unknown options are shown; what follows one of them, its {@code =}, or a short option's attached value
     * ({@code -pSECRET}) is not (it may be the secret a mistyped option was given); other arguments are shown with any
     * URL's password masked.
     */
    static String unmatched(List<String> arguments) {
        List<String> options = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean hidden = false;
        boolean afterOption = false;
        for (String argument : arguments) {
            if (argument.startsWith("-") && argument.length() > 1) {
                int equals = argument.indexOf('=');
                // A short option may carry its value attached (-pSECRET): only the option itself is shown.
                int end = equals >= 0 ? equals : !argument.startsWith("--") && argument.length() > 2 ? 2 : -1;
                hidden |= end >= 0;
                options.add("'" + (end >= 0 ? argument.substring(0, end) : argument) + "'");
                afterOption = end < 0;
            } else if (afterOption) {
                hidden = true;
                afterOption = false;
            } else {
                others.add("'" + JdbcUrls.mask(argument) + "'");
            }
        }
        StringBuilder message = new StringBuilder();
        if (!options.isEmpty()) {
            message.append(options.size() == 1 ? "Unknown option: " : "Unknown options: ")
                    .append(String.join(", ", options));
            if (hidden) {
                message.append(" (the value given with it is not repeated here)");
            }
        }
        if (!others.isEmpty()) {
            message.append(message.length() > 0 ? "; unmatched " : "Unmatched ")
                    .append(others.size() == 1 ? "argument: " : "arguments: ").append(String.join(", ", others));
        }
        return message.toString();
    }
}
