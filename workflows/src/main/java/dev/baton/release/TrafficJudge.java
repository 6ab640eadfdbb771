package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.prometheus.PrometheusQuery;
import dev.baton.prometheus.PrometheusReading;
import dev.baton.report.Reasons;
import dev.baton.router.RequestErrors;
import dev.baton.router.RequestErrorsRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * Judges the new active site by what its real users saw: the requests the router logged as answered
 * by that site since the bake (or a shift step) started. Above {@link TrafficLimits} the step fails
 * like a failed probe, which moves traffic back; a quiet site, or a router that logs nothing baton
 * can read, is reported and not judged. A Prometheus gate ({@link PrometheusGate}) is read at the
 * same moments; unlike the access log, a gate that cannot be read fails the step ("cannot judge"):
 * the operator asked for that query to hold, and an unanswered query proves nothing.
 */
final class TrafficJudge {
  private final ReleaseRequest request;
  private final ReleaseActivities activities;

  TrafficJudge(ReleaseRequest request, ReleaseActivities activities) {
    this.request = request;
    this.activities = activities;
  }

  /**
   * The site's traffic since {@code fromMillis} and the Prometheus gate's reading in one line, or
   * "" when the release sets no limits; throws {@code kind} when either is over its limit (or the
   * gate cannot be read), its message starting with {@code when}.
   */
  String check(String site, long fromMillis, FailureKind kind, String when) {
    TrafficLimits limits = request.policy().bakeTraffic();
    if (limits == null) {
      return "";
    }
    String traffic =
        limits.judgesAccessLog() ? accessLog(limits, site, fromMillis, kind, when) : "";
    if (limits.prometheus() == null) {
      return traffic;
    }
    String gate = prometheus(limits.prometheus(), site, kind, when);
    return traffic.isEmpty() ? gate : traffic + ", " + gate;
  }

  private String accessLog(
      TrafficLimits limits, String site, long fromMillis, FailureKind kind, String when) {
    RequestErrors seen =
        activities.requestLog.requestErrors(
            new RequestErrorsRequest(
                request.project(), fromMillis, Workflow.currentTimeMillis(), site));
    if (!seen.measured()) {
      return "real traffic not measured: " + seen.detail();
    }
    String figures = figures(seen);
    if (seen.requests() < limits.minRequests()) {
      return figures + ", fewer than " + limits.minRequests() + ": not judged yet";
    }
    double rate = (double) seen.errors() / seen.requests();
    if (limits.maxErrorRate() != null && rate > limits.maxErrorRate()) {
      throw kind.failure(
          when
              + site
              + "'s real traffic: "
              + seen.detail()
              + ", "
              + TrafficLimits.percent(rate)
              + " above the limit of "
              + TrafficLimits.percent(limits.maxErrorRate()));
    }
    if (limits.maxP99() != null && seen.p99Millis() > limits.maxP99().toMillis()) {
      throw kind.failure(
          when
              + site
              + "'s real traffic: p99 "
              + seen.p99Millis()
              + " ms over "
              + seen.requests()
              + " requests, above the limit of "
              + limits.maxP99().toMillis()
              + " ms");
    }
    return figures;
  }

  /**
   * "prometheus 0.2 (max 1)"; throws {@code kind} when the value is above the maximum, when the
   * query returned nothing and {@code onNoData} is fail, or when Prometheus could not be asked.
   */
  private String prometheus(PrometheusGate gate, String site, FailureKind kind, String when) {
    String prefix = when + site + "'s Prometheus gate: ";
    PrometheusReading reading;
    try {
      reading = activities.prometheus.query(new PrometheusQuery(gate.url(), gate.query()));
    } catch (ActivityFailure e) {
      throw kind.failure(prefix + "cannot judge, " + Reasons.of(e));
    }
    if (!reading.hasData()) {
      if (gate.failOnNoData()) {
        throw kind.failure(
            prefix + "cannot judge, " + gate.query() + " returned no data (onNoData: fail)");
      }
      return "prometheus no data (onNoData: pass)";
    }
    String value = PrometheusGate.number(reading.value());
    if (reading.value() > gate.max()) {
      throw kind.failure(
          prefix
              + gate.query()
              + " = "
              + value
              + ", above the limit of "
              + PrometheusGate.number(gate.max()));
    }
    return "prometheus " + value + " (max " + PrometheusGate.number(gate.max()) + ")";
  }

  /** "real traffic 240 requests, 0.4% failed, p99 85 ms". */
  private static String figures(RequestErrors seen) {
    String failed =
        seen.requests() == 0
            ? ""
            : ", " + TrafficLimits.percent((double) seen.errors() / seen.requests()) + " failed";
    String p99 = seen.p99Millis() < 0 ? "" : ", p99 " + seen.p99Millis() + " ms";
    return "real traffic " + seen.requests() + " requests" + failed + p99;
  }
}
