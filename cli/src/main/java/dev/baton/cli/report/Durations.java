package dev.baton.cli.report;

/** Durations as the CLI prints them: "0.8s", "42.0s", "3m05s", "2h10m". */
public final class Durations {
  private Durations() {}

  public static String of(long millis) {
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    return seconds < 3600
        ? String.format("%dm%02ds", seconds / 60, seconds % 60)
        : String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
