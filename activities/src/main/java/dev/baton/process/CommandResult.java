package dev.baton.process;

import java.util.List;

/**
 * What an external command did: its exit code and everything it printed. {@link #output} is as
 * printed, for parsing; {@link #tail} is for messages.
 */
public record CommandResult(List<String> command, int exitCode, String output, long millis) {
  /** The most characters of output a message carries: enough to see why, never a whole log. */
  public static final int MAX_EXCERPT = 4000;

  public boolean ok() {
    return exitCode == 0;
  }

  /**
   * The last {@code lines} lines of output, at most {@link #MAX_EXCERPT} characters, credentials
   * and secrets masked ({@link Redaction}): for a message.
   */
  public String tail(int lines) {
    return lastLines(output, lines);
  }

  static String lastLines(String output, int lines) {
    String[] all = output.strip().split("\n");
    int from = Math.max(0, all.length - lines);
    return Redaction.excerpt(
        String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length)), MAX_EXCERPT);
  }
}
