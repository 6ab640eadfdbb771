package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.router.RequestErrors;
import dev.baton.router.RequestErrorsRequest;
import io.temporal.workflow.Workflow;

/**
 * Judges the new active site by what its real users saw: the requests the router logged as answered
 * by that site since the bake (or a shift step) started. Above {@link TrafficLimits} the step fails
 * like a failed probe, which moves traffic back; a quiet site, or a router that logs nothing baton
 * can read, is reported and not judged.
 */
final class TrafficJudge {
  private final ReleaseRequest request;
  private final ReleaseActivities activities;

  TrafficJudge(ReleaseRequest request, ReleaseActivities activities) {
    this.request = request;
    this.activities = activities;
  }

  /**
   * The site's traffic since {@code fromMillis} in one line, or "" when the release sets no limits;
   * throws {@code kind} when the traffic is over them, its message starting with {@code when}.
   */
  String check(String site, long fromMillis, FailureKind kind, String when) {
    TrafficLimits limits = request.policy().bakeTraffic();
    if (limits == null) {
      return "";
    }
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
