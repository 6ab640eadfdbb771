package dev.baton.release;

import java.time.Duration;

/** Durations as people write them in baton.yml ("10s", "1h30m"), not ISO-8601 ("PT10S"). */
final class Texts {
  private Texts() {}

  static String duration(Duration d) {
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
}
