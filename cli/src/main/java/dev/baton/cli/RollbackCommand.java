package dev.baton.cli;

import dev.baton.cli.release.ReleaseRollback;
import picocli.CommandLine.Command;

/** `baton rollback`: the operator's first reflex, the same as `baton release rollback`. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Move traffic back to the site that was active before the running release's switch",
      "(the same as `baton release rollback`)."
    },
    footer = {"", "Example:", "  baton rollback --reason \"errors on checkout\""})
public final class RollbackCommand extends ReleaseRollback {
  public RollbackCommand(BatonContext context) {
    super(context);
  }
}
