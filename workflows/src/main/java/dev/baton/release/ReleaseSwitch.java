package dev.baton.release;

import dev.baton.router.SwitchResult;
import dev.baton.switchover.DatabaseMove;
import dev.baton.switchover.DatabaseSwitchover;
import dev.baton.switchover.TrafficMover;
import io.temporal.workflow.Workflow;

/**
 * The release's switch: the switchover's {@link TrafficMover}, after the partial steps of a
 * weighted shift ({@link WeightedShift}) when {@code release.shift} has some.
 */
final class ReleaseSwitch {
  /** Version 1: a policy with shift steps moves traffic in steps. Older releases had none. */
  static final String WEIGHTED_SHIFT = "weighted-shift";

  private final ReleasePolicy policy;
  private final TrafficMover mover;
  private final WeightedShift shift;

  /** What the partial steps of the last forward move did, or null when it was one step. */
  private String shifted;

  ReleaseSwitch(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.policy = request.policy();
    this.mover =
        new TrafficMover(policy.switchover(request.project()), activities.switchover(), tracker);
    this.shift = new WeightedShift(request, activities, tracker);
  }

  /**
   * Moves traffic and the queue workers from {@code from} to {@code to}, in the policy's shift
   * steps when it has some. With a {@link DatabaseSwitchover} (mode replicated) it is one step,
   * since the database is primary on one site only, and nothing reaches the new site before its
   * database is the primary.
   */
  SwitchResult forward(String from, String to, DatabaseMove database) {
    if (!(database instanceof DatabaseSwitchover)
        && policy.shift().size() > 1
        && Workflow.getVersion(WEIGHTED_SHIFT, Workflow.DEFAULT_VERSION, 1) == 1) {
      shifted = shift.runPartialSteps(from, to);
      return mover.move(from, to, database); // the last step, 100%, with the queue workers
    }
    return mover.move(from, to, database);
  }

  /** "10% and 50% held 5s each" after a weighted shift; null after a one-step switch. */
  String shifted() {
    return shifted;
  }

  /** Moves all traffic and the queue workers back in one step (a rollback or compensation). */
  SwitchResult back(String from, String to) {
    return mover.back(from, to);
  }
}
