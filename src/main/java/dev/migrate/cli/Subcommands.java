package dev.migrate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the subcommands a command line needs. picocli builds a model of every registered command by reflection
 * at start-up; a run of {@code migrate current} needs one, so only the named command is registered. Help without a
 * command, completion scripts and anything unrecognised get all of them, so picocli's own messages stay complete.
 */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine commandLine, String[] args) {
        if (onlyAsksTheVersion(args)) {
            return; // the root command answers it; building every command's model would double the run's time
        }
        Class<?> named = named(args);
        for (Class<?> command : MigrateCommand.COMMANDS) {
            if (named == null || command == named) {
                commandLine.addSubcommand(command.getAnnotation(Command.class).name(), command);
            }
        }
    }

    /** {@code migrate --version} (or {@code -V}), with nothing else on the command line. */
    private static boolean onlyAsksTheVersion(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The command the arguments name, or null when all are needed. */
    private static Class<?> named(String[] args) {
        Set<String> takesValue = globalOptionsWithValues();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-")) {
                if (takesValue.contains(arg)) {
                    i++; // its value follows as the next argument
                }
                continue;
            }
            for (Class<?> command : MigrateCommand.COMMANDS) {
                String name = command.getAnnotation(Command.class).name();
                if (name.equals(arg)) {
                    // Completion scripts and `help COMMAND` need every command's model.
                    return command == CompletionCommand.class || command == CommandLine.HelpCommand.class ? null
                            : command;
                }
            }
            return null;
        }
        return null;
    }

    /** The global options that take a value, read from MigrateCommand's own declarations so they never drift. */
    private static Set<String> globalOptionsWithValues() {
        Set<String> names = new HashSet<>();
        for (Field field : MigrateCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && field.getType() != boolean.class) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }
}
