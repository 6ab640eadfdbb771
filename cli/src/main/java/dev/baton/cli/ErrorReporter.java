package dev.baton.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Prints an error as one line for the operator; the stack trace only with {@code -v}, because a
 * stack trace is noise to someone deciding whether to retry or roll back.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception error, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    err.println("baton: " + message(error));
    if (verbose(parsed)) {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    err.flush();
    return cli.getExitCodeExceptionMapper().getExitCode(error);
  }

  private static String message(Throwable error) {
    String text = BatonCliException.within(error).<Throwable>map(e -> e).orElse(error).getMessage();
    return text == null || text.isBlank() ? error.getClass().getSimpleName() : text;
  }

  private static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("-v")) {
        return true;
      }
    }
    return false;
  }
}
