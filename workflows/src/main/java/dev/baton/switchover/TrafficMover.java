package dev.baton.switchover;

import dev.baton.metrics.WorkflowMetrics;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import dev.baton.site.ActiveOnlyRequest;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * The switch itself: the router moves traffic and the queue workers (active-only services) move
 * with it. The workers never run on both sites: they start on the new site only once they stopped
 * on the old one. The router does not wait for them, so the handover and the traffic move overlap.
 * A release with {@code release.shift} moves traffic in steps first ({@code WeightedShift}) and
 * calls this for the last one; a drill calls it for each switch.
 */
public final class TrafficMover {
  /** Version 1: the handover runs beside the router switch. Older releases replay sequentially. */
  public static final String PARALLEL_HANDOVER = "parallel-queue-worker-handover";

  private final SwitchoverInput input;
  private final SwitchoverActivities activities;
  private final TrafficProgress progress;

  public TrafficMover(
      SwitchoverInput input, SwitchoverActivities activities, TrafficProgress progress) {
    this.input = input;
    this.activities = activities;
    this.progress = progress;
  }

  /** Moves all traffic and the queue workers back in one step (a rollback or compensation). */
  public SwitchResult back(String from, String to) {
    return move(from, to, DatabaseMove.NONE);
  }

  /** Everything at once: the drill's switch, and the last step of a release's. */
  public SwitchResult move(String from, String to, DatabaseMove database) {
    long startedAt = Workflow.currentTimeMillis();
    SwitchResult result = moveAll(from, to, database);
    WorkflowMetrics.since(WorkflowMetrics.SWITCH, Map.of(), startedAt);
    progress.oneSiteHasAll();
    return result;
  }

  private SwitchResult moveAll(String from, String to, DatabaseMove database) {
    if (Workflow.getVersion(PARALLEL_HANDOVER, Workflow.DEFAULT_VERSION, 1) == 1) {
      return moveInParallel(from, to, database);
    }
    return moveInSequence(from, to);
  }

  private SwitchResult moveInParallel(String from, String to, DatabaseMove database) {
    Promise<String> promoted = database.start(from, to);
    Promise<SwitchResult> switched =
        promoted.thenCompose(
            db -> Async.function(activities.router()::switchTo, switchRequest(from, to)));
    Promise<Void> stopped =
        hasActiveOnly()
            ? Async.procedure(activities.site(from)::setActiveOnlyServices, activeOnly(from, false))
            : Workflow.newPromise(null);
    Promise<Void> started =
        Promise.allOf(stopped, promoted)
            .thenCompose(
                ready ->
                    hasActiveOnly()
                        ? Async.procedure(
                            activities.site(to)::setActiveOnlyServices, activeOnly(to, true))
                        : Workflow.newPromise(null));
    // All must end before anything else happens, even when one failed: moving traffic back must
    // not race a handover that is still running.
    Workflow.await(
        () ->
            promoted.isCompleted()
                && switched.isCompleted()
                && stopped.isCompleted()
                && started.isCompleted());
    String databaseDetail = promoted.get();
    SwitchResult result = switched.get();
    stopped.get();
    started.get();
    return databaseDetail == null
        ? result
        : new SwitchResult(
            result.target(), result.millis(), result.detail() + "; " + databaseDetail);
  }

  /** The order of releases started before version 1. */
  private SwitchResult moveInSequence(String from, String to) {
    if (hasActiveOnly()) {
      activities.site(from).setActiveOnlyServices(activeOnly(from, false));
    }
    SwitchResult result = activities.router().switchTo(switchRequest(from, to));
    if (hasActiveOnly()) {
      activities.site(to).setActiveOnlyServices(activeOnly(to, true));
    }
    return result;
  }

  private boolean hasActiveOnly() {
    return !input.activeOnlyServices().isEmpty();
  }

  private SwitchRequest switchRequest(String from, String to) {
    return new SwitchRequest(input.project(), from, to);
  }

  private ActiveOnlyRequest activeOnly(String siteId, boolean running) {
    return new ActiveOnlyRequest(input.project(), siteId, running);
  }
}
