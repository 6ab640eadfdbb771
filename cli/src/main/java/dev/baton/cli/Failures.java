package dev.baton.cli;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** The operator-facing reason inside a Temporal failure: the innermost message, unwrapped. */
public final class Failures {
  private Failures() {}

  public static String reason(Throwable error) {
    String reason = error.getMessage();
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.getOriginalMessage();
      }
      if (t instanceof TemporalFailure temporal) {
        reason = temporal.getOriginalMessage();
      }
    }
    return reason;
  }
}
