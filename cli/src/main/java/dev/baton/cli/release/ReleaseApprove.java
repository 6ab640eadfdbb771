package dev.baton.cli.release;

import dev.baton.cli.BatonContext;
import picocli.CommandLine.Command;

@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Approve the step that waits (the switch, or the backfill if configured).",
    footer = {
      "",
      "Examples:",
      "  baton release approve --as alice",
      "  baton release approve --step switch --as alice --comment \"checked dashboards\""
    })
final class ReleaseApprove extends DecisionCommand {
  ReleaseApprove(BatonContext context) {
    super(context);
  }

  @Override
  boolean approving() {
    return true;
  }
}
