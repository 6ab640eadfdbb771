package dev.baton.cli;

import java.util.Optional;

/** An error for the operator: one line saying what failed and what to try, plus an exit code. */
public class BatonCliException extends RuntimeException {
  private final int exitCode;

  public BatonCliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /**
   * The one among {@code error} and its causes: the Temporal client wraps what a client interceptor
   * throws (see {@link ControlWorkerCheck}) in its own exception.
   */
  public static Optional<BatonCliException> within(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BatonCliException cli) {
        return Optional.of(cli);
      }
    }
    return Optional.empty();
  }
}
