package dev.baton.cli;

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
}
