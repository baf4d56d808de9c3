package dev.migrate.cli;

import dev.migrate.api.RevisionRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "revision", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Write a new migration file on the current head.",
        "Its down_revision is the single head of the migrations (or --head REV). With several heads it refuses and "
                + "lists them: build on one with --head, or merge them first. Ids follow revision_id in migrate.toml: "
                + "random (12 hex digits, default), sequential (001, 002, ...) or timestamp (YYYYMMDD_HHMMSS, UTC). "
                + "Prints the path it wrote."})
final class RevisionCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE", description = "What the revision does.")
    String message;

    @ArgGroup(exclusive = true)
    Kind kind = new Kind();

    static final class Kind {
        @Option(names = "--sql", description = "A SQL migration (default).")
        boolean sql;

        @Option(names = "--java", description = "A Java migration.")
        boolean java;
    }

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of making one.")
    String revisionId;

    @Option(names = "--head", paramLabel = "REV", description = "Build on this revision (a head; label@head works).")
    String head;

    @Option(names = "--splice", description = "Allow --head to name a revision that already has children: a new branch.")
    boolean splice;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label the branch this revision starts. Repeatable.")
    List<String> branchLabels = List.of();

    @Option(names = "--depends-on", paramLabel = "REV", description = "A revision that must be applied first. Repeatable.")
    List<String> dependsOn = List.of();

    @Override
    public Integer call() {
        Path written = root.migrator().revision(new RevisionRequest(message, kind.java, revisionId, head, splice,
                branchLabels, dependsOn));
        root.printer().result(written.toString());
        return 0;
    }
}
