package dev.baton.config;

import dev.baton.release.PrometheusGate;
import dev.baton.release.TrafficLimits;
import java.time.Duration;
import java.util.List;

/**
 * {@code release.bake} as a mapping: the bake's duration and the limits on the new site's real
 * traffic (the router's access log) that end it early, moving traffic back:
 *
 * <pre>
 * bake:
 *   duration: 5m
 *   maxErrorRate: 1%     # share of failed answers (5xx, or none)
 *   maxP99: 800ms        # 99th percentile of request times (needs rt=$request_time in the log)
 *   minRequests: 50      # fewer requests are not judged: a quiet site's noise
 *   prometheus: {url: http://127.0.0.1:9090, query: ..., max: 0.5}   # PrometheusGateReader
 * </pre>
 */
final class BakeTrafficReader {
  static final List<String> KEYS =
      List.of("duration", "maxErrorRate", "maxP99", "minRequests", "prometheus");
  static final String RATE = "a percentage from 0% to 100%, e.g. 1% or 0.5%";
  static final long DEFAULT_MIN_REQUESTS = 20;

  private BakeTrafficReader() {}

  /** The limits, or null after reporting what is wrong with them. */
  static TrafficLimits limits(TreeReader bake) {
    bake.mapping(
        false,
        "a duration, or a mapping with duration, maxErrorRate, maxP99, minRequests, prometheus",
        KEYS);
    PrometheusGate gate = PrometheusGateReader.gate(bake.child("prometheus"));
    if (bake.child("prometheus").isPresent() && gate == null) {
      return null; // reported by the reader
    }
    Double rate = rate(bake.child("maxErrorRate"));
    Duration p99 = bake.child("maxP99").duration(false, true);
    Integer min = bake.child("minRequests").integer(false, "a number of requests, e.g. 50");
    if (min != null && min < 1) {
      bake.child("minRequests").report(min + " is not a number of requests (1 or more)");
      return null;
    }
    if (bake.child("maxErrorRate").isPresent() && rate == null
        || bake.child("maxP99").isPresent() && p99 == null) {
      return null; // reported above
    }
    if (rate == null && p99 == null && gate == null) {
      bake.report("a bake mapping sets maxErrorRate, maxP99 or prometheus (or write bake: 5m)");
      return null;
    }
    return new TrafficLimits(rate, p99, min == null ? DEFAULT_MIN_REQUESTS : min, gate);
  }

  private static Double rate(TreeReader node) {
    String text = node.text(false, RATE);
    if (text == null) {
      return null;
    }
    if (!text.matches("(100|[0-9]{1,2})(\\.[0-9]{1,3})?%")) {
      node.report("\"" + text + "\" is not " + RATE);
      return null;
    }
    double percent = Double.parseDouble(text.substring(0, text.length() - 1));
    if (percent > 100) {
      node.report("\"" + text + "\" is not " + RATE);
      return null;
    }
    return percent / 100;
  }
}
