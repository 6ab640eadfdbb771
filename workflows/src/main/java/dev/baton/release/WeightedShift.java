package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.probe.ProbeResult;
import dev.baton.probe.ProbeWatch;
import dev.baton.report.Texts;
import dev.baton.router.ShiftRequest;
import dev.baton.router.ShiftResult;
import java.util.List;

/**
 * The partial steps of a weighted shift ({@code release.shift}, e.g. 10% → 50% → 100%): the router
 * sends a share of the requests to the new site, which is probed every probe interval for {@code
 * shiftPause} before the next step. A failed probe fails the switch; the release's compensation
 * then moves all traffic back. The last step, 100%, is the ordinary switch ({@link ReleaseSwitch}).
 */
final class WeightedShift {
  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;

  WeightedShift(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
  }

  /** Runs every step below 100%; returns what they did, e.g. "10% and 50% held 5s each". */
  String runPartialSteps(String from, String to) {
    List<Integer> steps = request.policy().shift();
    List<Integer> partial = steps.subList(0, steps.size() - 1);
    for (int i = 0; i < partial.size(); i++) {
      int percent = partial.get(i);
      String label = label(percent, to, i, steps.size());
      tracker.set(Step.SWITCH, StepState.RUNNING, label + ": moving traffic");
      ShiftResult shifted =
          activities.router.shift(new ShiftRequest(request.project(), from, to, percent));
      tracker.traffic(split(percent, to, from));
      hold(label, percent, to, shifted.millis());
    }
    tracker.set(
        Step.SWITCH,
        StepState.RUNNING,
        label(100, to, steps.size() - 1, steps.size()) + ": moving all traffic");
    return percents(partial)
        + " held "
        + Texts.duration(request.policy().shiftPause())
        + (partial.size() == 1 ? "" : " each");
  }

  /** Probes {@code to} every probe interval until the pause has passed; throws on a failure. */
  private void hold(String label, int percent, String to, long shiftMillis) {
    TrafficJudge traffic = new TrafficJudge(request, activities);
    new ProbeWatch(activities.probe, request.project(), request.policy().probeInterval())
        .watch(
            to,
            request.policy().shiftPause(),
            new ProbeWatch.Watcher() {
              @Override
              public RuntimeException failed(ProbeResult probe) {
                return FailureKind.SWITCH_FAILED.failure(
                    "at "
                        + percent
                        + "% on "
                        + to
                        + ", "
                        + to
                        + " failed a probe: "
                        + probe.summary());
              }

              @Override
              public String judge(long startMillis) {
                return traffic.check(
                    to, startMillis, FailureKind.SWITCH_FAILED, "at " + percent + "% on ");
              }

              @Override
              public void progress(int probes, String seen, long leftMillis) {
                tracker.set(
                    Step.SWITCH,
                    StepState.RUNNING,
                    label
                        + " (shifted in "
                        + shiftMillis
                        + " ms): "
                        + probes
                        + " probe(s) passed, "
                        + (seen.isEmpty() ? "" : seen + ", ")
                        + (leftMillis + 999) / 1000
                        + "s left");
              }
            });
  }

  private static String label(int percent, String to, int index, int count) {
    return percent + "% on " + to + " (step " + (index + 1) + " of " + count + ")";
  }

  static String split(int percent, String to, String from) {
    return percent + "% on " + to + ", " + (100 - percent) + "% on " + from;
  }

  private static String percents(List<Integer> partial) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < partial.size(); i++) {
      text.append(i == 0 ? "" : i == partial.size() - 1 ? " and " : ", ");
      text.append(partial.get(i)).append('%');
    }
    return text.toString();
  }
}
