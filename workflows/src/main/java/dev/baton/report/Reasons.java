package dev.baton.report;

import io.temporal.failure.ApplicationFailure;

/** Failure texts for people. */
public final class Reasons {
  private Reasons() {}

  /**
   * The innermost message of a failure chain: an ActivityFailure's own text only names the activity
   * and its attempt, the reason is in its cause (an ApplicationFailure or a TimeoutFailure).
   */
  public static String of(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String text = t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
    return text == null ? t.getClass().getSimpleName() : text;
  }
}
