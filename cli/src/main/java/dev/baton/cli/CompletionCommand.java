package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code baton completion}: prints the shell completion script picocli generates from the command
 * tree, so it always knows every verb and option of this build.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for bash and zsh (picocli's AutoComplete).",
      "Load it in the current shell, or save it once where your shell looks for completions."
    },
    footer = {
      "",
      "Examples:",
      "  source <(baton completion)                              # bash, this shell",
      "  baton completion > /etc/bash_completion.d/baton          # bash, every shell",
      "  autoload -U +X compinit && compinit                      # zsh: first these two,",
      "  autoload -U +X bashcompinit && bashcompinit              # then",
      "  source <(baton completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("baton", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
