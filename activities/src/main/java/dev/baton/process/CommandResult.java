package dev.baton.process;

import java.util.List;

/** What an external command did: its exit code and everything it printed. */
public record CommandResult(List<String> command, int exitCode, String output, long millis) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** Throws with the command's last lines when it failed; returns this otherwise. */
  public CommandResult orThrow(String what) {
    if (!ok()) {
      throw new CommandException(what + " failed (exit " + exitCode + "): " + tail(15));
    }
    return this;
  }

  /** The last {@code lines} lines of output: enough to see why, short enough for a message. */
  public String tail(int lines) {
    String[] all = output.strip().split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
  }
}
