package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Write a merge revision that joins heads.",
        "Its down_revision lists REV... (default: every head), so `upgrade head` has one head again. Prints the path."})
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE", description = "Why the merge.")
    String message;

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of making one.")
    String revisionId;

    @Parameters(paramLabel = "REV", arity = "0..*", description = "Revisions to merge: ids, unique prefixes, heads, label@head. Default: all heads.")
    List<String> revisions = List.of();

    @Override
    public Integer call() {
        root.printer().result(root.migrator().merge(message, revisions, revisionId).toString());
        return 0;
    }
}
