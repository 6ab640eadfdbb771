package dev.baton.release;

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
 * With {@code release.shift} the traffic moves in steps first ({@link WeightedShift}), and the
 * workers move with the last one.
 */
public final class TrafficMover {
  /** Version 1: the handover runs beside the router switch. Older releases replay sequentially. */
  static final String PARALLEL_HANDOVER = "parallel-queue-worker-handover";

  /** Version 1: a policy with shift steps moves traffic in steps. Older releases had none. */
  static final String WEIGHTED_SHIFT = "weighted-shift";

  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;
  private final WeightedShift shift;

  /** What the partial steps of the last forward move did, or null when it was one step. */
  private String shifted;

  /** For drills: {@link #move} only, in one step (a drill proves the switchover, not a shift). */
  public TrafficMover(ReleaseRequest request, ReleaseActivities activities) {
    this(request, activities, null);
  }

  TrafficMover(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
    this.shift = new WeightedShift(request, activities, tracker);
  }

  /**
   * The release's switch: moves traffic and the queue workers from {@code from} to {@code to}, in
   * the policy's shift steps when it has some. With a {@code database} switchover (mode replicated)
   * it is one step, since the database is primary on one site only, and nothing reaches the new
   * site before its database is the primary.
   */
  SwitchResult forward(String from, String to, DatabaseSwitchover database) {
    if (database == null
        && request.policy().shift().size() > 1
        && Workflow.getVersion(WEIGHTED_SHIFT, Workflow.DEFAULT_VERSION, 1) == 1) {
      shifted = shift.runPartialSteps(from, to);
      return move(from, to, null); // the last step, 100%, with the queue workers
    }
    return move(from, to, database);
  }

  /** "10% and 50% held 5s each" after a weighted shift; null after a one-step switch. */
  String shifted() {
    return shifted;
  }

  /** Moves all traffic and the queue workers back in one step (a rollback or compensation). */
  SwitchResult back(String from, String to) {
    return move(from, to, null);
  }

  /** Everything at once: the drill's switch, and the last step of a release's. */
  public SwitchResult move(String from, String to, DatabaseSwitchover database) {
    long startedAt = Workflow.currentTimeMillis();
    SwitchResult result = moveAll(from, to, database);
    WorkflowMetrics.since(WorkflowMetrics.SWITCH, Map.of(), startedAt);
    if (tracker != null) {
      tracker.traffic(null); // one site has all of it again
    }
    return result;
  }

  private SwitchResult moveAll(String from, String to, DatabaseSwitchover database) {
    if (Workflow.getVersion(PARALLEL_HANDOVER, Workflow.DEFAULT_VERSION, 1) == 1) {
      return moveInParallel(from, to, database);
    }
    return moveInSequence(from, to);
  }

  private SwitchResult moveInParallel(String from, String to, DatabaseSwitchover database) {
    Promise<String> promoted =
        database == null ? Workflow.newPromise(null) : Async.function(database::run, from, to);
    Promise<SwitchResult> switched =
        promoted.thenCompose(
            db -> Async.function(activities.router::switchTo, switchRequest(from, to)));
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
    SwitchResult result = activities.router.switchTo(switchRequest(from, to));
    if (hasActiveOnly()) {
      activities.site(to).setActiveOnlyServices(activeOnly(to, true));
    }
    return result;
  }

  private boolean hasActiveOnly() {
    return !request.policy().activeOnlyServices().isEmpty();
  }

  private SwitchRequest switchRequest(String from, String to) {
    return new SwitchRequest(request.project(), from, to);
  }

  private ActiveOnlyRequest activeOnly(String siteId, boolean running) {
    return new ActiveOnlyRequest(request.project(), siteId, running);
  }
}
