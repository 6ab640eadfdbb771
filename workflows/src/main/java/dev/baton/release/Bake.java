package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.probe.ProbeResult;
import dev.baton.probe.ProbeWatch;
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
    TrafficJudge traffic = new TrafficJudge(request, activities);
    tracker.start(Step.BAKE, "watching " + active + " for " + Texts.duration(bake));
    ProbeWatch.Watched watched =
        new ProbeWatch(activities.probe, request.project(), policy.probeInterval())
            .watch(
                active,
                bake,
                new ProbeWatch.Watcher() {
                  @Override
                  public RuntimeException failed(ProbeResult probe) {
                    return FailureKind.BAKE_FAILED.failure(
                        active + " failed a probe while baking: " + probe.summary());
                  }

                  @Override
                  public String judge(long startMillis) {
                    return traffic.check(
                        active, startMillis, FailureKind.BAKE_FAILED, "while baking, ");
                  }

                  @Override
                  public void progress(int probes, String seen, long leftMillis) {
                    tracker.set(
                        Step.BAKE,
                        StepState.RUNNING,
                        probes
                            + " probe(s) passed, "
                            + (seen.isEmpty() ? "" : seen + ", ")
                            + leftMillis / 1000
                            + "s left");
                  }

                  @Override
                  public void pause(Duration pause) {
                    // A rollback asked for meanwhile ends the wait at once.
                    Workflow.await(pause, rollback::requested);
                    rollback.throwIfRequested();
                  }
                });
    tracker.set(
        Step.BAKE,
        StepState.SUCCEEDED,
        watched.probes()
            + " probe(s) passed over "
            + Texts.duration(bake)
            + (watched.seen().isEmpty() ? "" : "; " + watched.seen()));
  }
}
