package dev.migrate.cli;

import dev.migrate.api.UsageException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Print a shell completion script.",
        "bash: source <(migrate completion bash), or save it under /etc/bash_completion.d/. "
                + "zsh: source <(migrate completion zsh) in ~/.zshrc (it loads zsh's bash-completion support)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("migrate", spec.parent().commandLine());
        switch (shell) {
            case "bash":
                spec.commandLine().getOut().print(script);
                break;
            case "zsh":
                spec.commandLine().getOut().print("autoload -U +X compinit && compinit\n"
                        + "autoload -U +X bashcompinit && bashcompinit\n" + script);
                break;
            default:
                throw new UsageException("completion supports bash and zsh, not '" + shell + "'.");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
