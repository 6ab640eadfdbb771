package dev.baton.cli.release;

import dev.baton.cli.BatonContext;
import picocli.CommandLine.Command;

@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = "Reject the step that waits: the release ends; traffic stays where it is.",
    footer = {"", "Example:", "  baton release reject --as bob --comment \"error rate too high\""})
final class ReleaseReject extends DecisionCommand {
  ReleaseReject(BatonContext context) {
    super(context);
  }

  @Override
  boolean approving() {
    return false;
  }
}
