package dev.baton.cli.release;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The terminal's width, without a terminal library: $COLUMNS, else {@code stty size}, else 0. */
final class TerminalSize {
  private TerminalSize() {}

  static int columns(Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      if (columns > 0) {
        return columns;
      }
    } catch (NumberFormatException notSet) {
      // most shells do not export COLUMNS: ask the tty
    }
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return 0;
    }
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(tty).start();
      if (!stty.waitFor(1, TimeUnit.SECONDS)) {
        stty.destroy();
        return 0;
      }
      String[] rowsColumns =
          new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .trim()
              .split("\\s+");
      return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (IOException | NumberFormatException unknown) {
      return 0; // lines are then not cut; a narrow terminal may show a frame twice
    }
  }
}
