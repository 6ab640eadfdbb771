package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.report.Texts;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The bake: the new active site is probed every {@code release.probeInterval} for {@code
 * release.bake}. A failed probe fails the release (which moves traffic back); a rollback asked for
 * meanwhile ends the wait at once instead of at the next probe.
 */
final class Bake {
  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;
  private final InstantRollback rollback;

  Bake(
      ReleaseRequest request,
      ReleaseActivities activities,
      ReleaseTracker tracker,
      InstantRollback rollback) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
    this.rollback = rollback;
  }

  /** Returns when {@code active} passed the bake; throws when it failed or a rollback came. */
  void run(String active) {
    ReleasePolicy policy = request.policy();
    Duration bake = policy.bake();
    if (bake.isZero()) {
      tracker.start(Step.BAKE, "");
      tracker.set(Step.BAKE, StepState.SKIPPED, "no bake time configured");
      return;
    }
    long start = Workflow.currentTimeMillis();
    long end = start + bake.toMillis();
    int probes = 0;
    TrafficJudge traffic = new TrafficJudge(request, activities);
    String seen = "";
    tracker.start(Step.BAKE, "watching " + active + " for " + Texts.duration(bake));
    while (true) {
      ProbeResult probe = activities.probe.probe(new ProbeRequest(request.project(), active));
      probes++;
      if (!probe.healthy()) {
        throw FailureKind.BAKE_FAILED.failure(
            active + " failed a probe while baking: " + probe.summary());
      }
      seen = traffic.check(active, start, FailureKind.BAKE_FAILED, "while baking, ");
      long left = end - Workflow.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      tracker.set(
          Step.BAKE,
          StepState.RUNNING,
          probes
              + " probe(s) passed, "
              + (seen.isEmpty() ? "" : seen + ", ")
              + left / 1000
              + "s left");
      Workflow.await(
          Duration.ofMillis(Math.min(left, policy.probeInterval().toMillis())),
          rollback::requested);
      rollback.throwIfRequested();
    }
    tracker.set(
        Step.BAKE,
        StepState.SUCCEEDED,
        probes
            + " probe(s) passed over "
            + Texts.duration(bake)
            + (seen.isEmpty() ? "" : "; " + seen));
  }
}
