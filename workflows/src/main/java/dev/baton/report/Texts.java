package dev.baton.report;

import java.time.Duration;

/** Durations as people write them in baton.yml ("10s", "1h30m"), not ISO-8601 ("PT10S"). */
public final class Texts {
  private Texts() {}

  public static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long hours = d.toHours();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (d.toMinutesPart() > 0) {
      text.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0) {
      text.append(d.toSecondsPart()).append('s');
    }
    if (d.toMillisPart() > 0) {
      text.append(d.toMillisPart()).append("ms");
    }
    return text.toString();
  }

  /** Bytes as people read them: "512 B", "4.0 kB", "16.0 MB" (1 kB = 1024 B, as in baton.yml). */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format("%.1f kB", n / 1024.0);
    }
    return String.format("%.1f MB", n / (1024.0 * 1024));
  }
}
