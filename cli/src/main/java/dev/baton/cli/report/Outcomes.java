package dev.baton.cli.report;

import dev.baton.FailureKind;
import dev.baton.Outcome;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.ExitCodes;
import dev.baton.report.PhasedReport;
import java.io.PrintWriter;
import java.util.function.Function;

/** The exit code for how a failover or drill ended. */
public final class Outcomes {
  private Outcomes() {}

  public static int exitCode(Outcome outcome) {
    if (outcome.equals(Outcome.SUCCEEDED)) {
      return ExitCodes.OK;
    }
    if (outcome.is(FailureKind.FAILOVER_REFUSED) || outcome.is(FailureKind.BUSY)) {
      return ExitCodes.REFUSED;
    }
    return ExitCodes.FAILED;
  }

  /**
   * Prints the report if there is one; a failure phrase becomes the error line (exit 1). Otherwise
   * the exit code of the report's outcome (0 for one still RUNNING).
   *
   * @param label e.g. "drill of shop"
   */
  public static <T extends PhasedReport> int print(
      PrintWriter out, String label, FollowedWorkflow.Ended<T> ended, Function<T, String> render) {
    if (ended.report() != null) {
      out.print(render.apply(ended.report()));
      out.flush();
    }
    if (ended.failure() != null) {
      throw new BatonCliException(ExitCodes.FAILED, label + " " + ended.failure());
    }
    Outcome o = Outcome.of(ended.report().outcome());
    return o.equals(Outcome.RUNNING) ? ExitCodes.OK : exitCode(o);
  }
}
