package dev.baton.release;

import java.time.Duration;

/**
 * What the new active site's real traffic (the router's access log) may show during the bake and at
 * each step of a weighted shift before the release moves traffic back.
 *
 * @param maxErrorRate the largest share of failed answers (5xx, or none), 0.01 for 1%; null: not
 *     judged
 * @param maxP99 the largest 99th percentile of request times; null: not judged
 * @param minRequests below this many requests a site is neither passed nor failed on its traffic: a
 *     quiet site's few answers are noise
 */
public record TrafficLimits(Double maxErrorRate, Duration maxP99, long minRequests) {

  /** "at most 1% failed and p99 800 ms over at least 50 requests". */
  public String describe() {
    String errors = maxErrorRate == null ? null : "at most " + percent(maxErrorRate) + " failed";
    String p99 = maxP99 == null ? null : "p99 at most " + maxP99.toMillis() + " ms";
    String limits = errors == null ? p99 : p99 == null ? errors : errors + ", " + p99;
    return limits + " over at least " + minRequests + " requests";
  }

  static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }
}
