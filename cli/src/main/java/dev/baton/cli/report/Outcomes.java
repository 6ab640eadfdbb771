package dev.baton.cli.report;

import dev.baton.FailureKind;
import dev.baton.cli.ExitCodes;

/** The exit code for how a failover or drill ended. */
public final class Outcomes {
  private Outcomes() {}

  public static int exitCode(String outcome) {
    if ("SUCCEEDED".equals(outcome)) {
      return ExitCodes.OK;
    }
    if (FailureKind.FAILOVER_REFUSED.type().equals(outcome)
        || FailureKind.BUSY.type().equals(outcome)) {
      return ExitCodes.REFUSED;
    }
    return ExitCodes.FAILED;
  }
}
