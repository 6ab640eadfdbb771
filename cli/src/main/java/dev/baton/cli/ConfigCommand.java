package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code baton config validate}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check baton.yml.",
    footer = {"", "Example:", "  baton config validate"},
    subcommands = {ConfigCommand.Validate.class})
public final class ConfigCommand {

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Print OK, or every problem in baton.yml at once (exit 2).",
      footer = {"", "Example:", "  baton config validate -c examples/shop/baton.yml"})
  static final class Validate implements Callable<Integer> {
    private final BatonContext context;
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    Validate(BatonContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      try {
        BatonConfig config = options.load(context);
        spec.commandLine()
            .getOut()
            .printf(
                "OK: %s, project %s, sites %s%n",
                config.file(), config.project(), String.join(", ", config.siteIds()));
        return ExitCodes.OK;
      } catch (ConfigException e) {
        e.problems().forEach(p -> spec.commandLine().getErr().println(p.render()));
        return ExitCodes.BAD_INPUT;
      }
    }
  }
}
