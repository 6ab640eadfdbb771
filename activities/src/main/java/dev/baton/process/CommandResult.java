package dev.baton.process;

import java.util.List;

/** What an external command did: its exit code and everything it printed. */
public record CommandResult(List<String> command, int exitCode, String output, long millis) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** The last {@code lines} lines of output: enough to see why, short enough for a message. */
  public String tail(int lines) {
    return lastLines(output, lines);
  }

  static String lastLines(String output, int lines) {
    String[] all = output.strip().split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
  }
}
