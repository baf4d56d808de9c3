package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.api.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "branches", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show the branch points: each revision that several revisions follow, and those that do.")
final class BranchesCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        Migrator migrator = root.migrator();
        List<RevisionInfo> branchPoints = migrator.branches();
        if (branchPoints.isEmpty()) {
            root.printer().result("No branches: every revision has at most one revision after it.");
        }
        for (RevisionInfo point : branchPoints) {
            root.printer().result(point.id() + " (branchpoint)" + (point.message().isEmpty() ? "" : ", " + point.message()));
            for (RevisionInfo child : migrator.children(point.id())) {
                root.printer().result("  -> " + child.id() + Text.marks(child)
                        + (child.branchLabels().isEmpty() ? "" : " [" + String.join(", ", child.branchLabels()) + "]")
                        + (child.message().isEmpty() ? "" : ", " + child.message()));
            }
        }
        return 0;
    }
}
