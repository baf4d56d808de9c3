package dev.migrate.cli;

import dev.migrate.config.MigrateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Show the effective configuration and where each value came from.",
        "Precedence: command-line option, environment variable, migrate.toml (or --config FILE), default. "
                + "Passwords are shown as ***."})
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        MigrateConfig config = root.config();
        for (Map.Entry<String, String[]> row : config.explain().entrySet()) {
            String source = row.getValue()[1] == null || row.getValue()[1].isEmpty() ? "" : "  (" + row.getValue()[1] + ")";
            root.printer().result(String.format(Locale.ROOT, "%-17s %s%s", row.getKey(), row.getValue()[0], source));
        }
        if (!config.arguments().isEmpty()) {
            root.printer().result(String.format(Locale.ROOT, "%-17s %s  (option -x)", "arguments", config.arguments().keySet()));
        }
        return 0;
    }
}
