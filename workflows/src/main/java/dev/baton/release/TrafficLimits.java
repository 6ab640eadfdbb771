package dev.baton.release;

import java.time.Duration;

/**
 * What the new active site's real traffic (the router's access log) and, optionally, a Prometheus
 * query may show during the bake and at each step of a weighted shift before the release moves
 * traffic back.
 *
 * @param maxErrorRate the largest share of failed answers (5xx, or none), 0.01 for 1%; null: not
 *     judged
 * @param maxP99 the largest 99th percentile of request times; null: not judged
 * @param minRequests below this many requests a site is neither passed nor failed on its traffic: a
 *     quiet site's few answers are noise
 * @param prometheus a Prometheus query whose value must stay at or below its maximum; null: none
 */
public record TrafficLimits(
    Double maxErrorRate, Duration maxP99, long minRequests, PrometheusGate prometheus) {

  /** Limits on the access log only, no Prometheus gate. */
  public TrafficLimits(Double maxErrorRate, Duration maxP99, long minRequests) {
    this(maxErrorRate, maxP99, minRequests, null);
  }

  /** Whether the router's access log is read: an error rate or a p99 limit is set. */
  public boolean judgesAccessLog() {
    return maxErrorRate != null || maxP99 != null;
  }

  /**
   * "at most 1% failed and p99 800 ms over at least 50 requests", followed by "; prometheus QUERY
   * at most MAX" when a Prometheus gate is set.
   */
  public String describe() {
    String gate = prometheus == null ? null : prometheus.describe();
    if (!judgesAccessLog()) {
      return gate;
    }
    String errors = maxErrorRate == null ? null : "at most " + percent(maxErrorRate) + " failed";
    String p99 = maxP99 == null ? null : "p99 at most " + maxP99.toMillis() + " ms";
    String limits = errors == null ? p99 : p99 == null ? errors : errors + ", " + p99;
    return limits
        + " over at least "
        + minRequests
        + " requests"
        + (gate == null ? "" : "; " + gate);
  }

  static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }
}
