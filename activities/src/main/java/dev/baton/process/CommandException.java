package dev.baton.process;

/** An external command could not run, timed out, or failed. */
public class CommandException extends RuntimeException {
  public CommandException(String message) {
    super(message);
  }

  public CommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
