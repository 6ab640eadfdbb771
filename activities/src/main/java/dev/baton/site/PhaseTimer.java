package dev.baton.site;

import java.util.StringJoiner;

/** Times the phases of a deploy, for its result message: where did the seconds go? */
final class PhaseTimer {
  private final long started = System.nanoTime();
  private final StringJoiner phases = new StringJoiner(", ", " (", ")");
  private long last = started;

  void done(String phase) {
    long now = System.nanoTime();
    phases.add(String.format("%s %.1fs", phase, (now - last) / 1e9));
    last = now;
  }

  String summary() {
    return String.format("in %.1fs", (System.nanoTime() - started) / 1e9) + phases;
  }
}
