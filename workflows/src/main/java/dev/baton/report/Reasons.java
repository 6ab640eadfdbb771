package dev.baton.report;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** Failure texts for people. */
public final class Reasons {
  private Reasons() {}

  /**
   * Why something failed, in the words of whoever raised it: the first ApplicationFailure of the
   * chain (an activity's or a workflow's own message, without Temporal's wrapping); for a timeout,
   * which activity timed out and how; else the innermost message. An ActivityFailure's own text
   * only names the activity and its attempt, and the innermost cause under an activity's message is
   * often just the I/O error it explains ("No such file or directory").
   */
  public static String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.getOriginalMessage() != null) {
        return app.getOriginalMessage();
      }
      if (t instanceof TimeoutFailure timeout) {
        String activity = e instanceof ActivityFailure af ? af.getActivityType() + " " : "";
        return activity + "timed out (" + timeout.getTimeoutType().name().toLowerCase() + ")";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
