package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.notify.Notifications;
import java.util.function.BiConsumer;

/**
 * A step that waits for a person (the switch's approval, and the backfill's when configured): opens
 * the gate, says so in the progress and in a notification carrying the approve command, then waits
 * for a decision, an instant rollback or the approval timeout.
 */
final class ApprovalWait {
  private final ReleaseRequest request;
  private final ApprovalGate gate;
  private final ReleaseTracker tracker;
  private final InstantRollback rollback;
  private final BiConsumer<String, String> notify;

  ApprovalWait(
      ReleaseRequest request,
      ApprovalGate gate,
      ReleaseTracker tracker,
      InstantRollback rollback,
      BiConsumer<String, String> notify) {
    this.request = request;
    this.gate = gate;
    this.tracker = tracker;
    this.rollback = rollback;
    this.notify = notify;
  }

  /**
   * Returns once {@code gateName} is approved. Throws REJECTED or APPROVAL_TIMEOUT; or, when a
   * rollback was asked for while it waited, runs {@code beforeRollback} and throws ROLLED_BACK.
   */
  void await(Step step, String gateName, Runnable beforeRollback) {
    gate.open(gateName); // before the progress says "waiting", so both agree in every snapshot
    tracker.start(step, "waiting for approval of " + gateName);
    tracker.set(step, StepState.WAITING, "waiting for approval of " + gateName);
    notify.accept(
        Notifications.APPROVAL_NEEDED,
        "Release "
            + request.version()
            + " of "
            + request.project()
            + " waits for approval of "
            + gateName
            + ": baton release approve --step "
            + gateName
            // What the smoke tests found is what the person approving the switch needs to see.
            + (gateName.equals(Step.SWITCH.id()) ? tracker.smokeSummary() : ""));
    ApprovalRecord decision = gate.await(rollback::requested);
    if (decision == null) {
      beforeRollback.run();
      rollback.throwIfRequested();
    }
    tracker.set(step, StepState.RUNNING, approvedBy());
    if (decision.decision().equals("reject")) {
      FailureKind kind =
          decision.via().equals("timeout") ? FailureKind.APPROVAL_TIMEOUT : FailureKind.REJECTED;
      throw kind.failure(gateName + " " + decision.describe());
    }
  }

  /** Who decided last, and how: for the step's detail. */
  String approvedBy() {
    return gate.records().get(gate.records().size() - 1).describe();
  }
}
