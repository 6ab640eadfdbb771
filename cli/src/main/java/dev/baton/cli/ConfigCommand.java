package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import picocli.CommandLine.Command;

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
  static final class Validate extends ProjectCommand {
    Validate(BatonContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      try {
        BatonConfig config = loadConfig();
        out()
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
