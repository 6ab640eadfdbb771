package dev.baton.process;

import java.util.StringJoiner;

/** Times the phases of a piece of work, for its result message: where did the time go? */
public final class PhaseTimer {
  private final long started = System.nanoTime();
  private final StringJoiner phases = new StringJoiner(", ", " (", ")");
  private long last = started;

  public void done(String phase) {
    long now = System.nanoTime();
    phases.add(phase + " " + format(now - last));
    last = now;
  }

  public long elapsedMillis() {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** For example "in 9.7s (git 0.1s, build 5.5s)" or "in 212 ms (reload 41 ms, ...)". */
  public String summary() {
    return "in " + format(System.nanoTime() - started) + phases;
  }

  private static String format(long nanos) {
    return nanos < 1_000_000_000L ? nanos / 1_000_000 + " ms" : String.format("%.1fs", nanos / 1e9);
  }
}
