package dev.baton.release;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A release: {@code plan → deploy-standby → validate → approve → switch → bake → backfill → done}.
 * Failures before the switch leave traffic untouched; failures during the switch or the bake, and a
 * cancel then, move traffic back.
 */
@WorkflowInterface
public interface ReleaseWorkflow {

  @WorkflowMethod(name = "Release")
  ReleaseResult run(ReleaseRequest request);

  @QueryMethod(name = "progress")
  ReleaseProgress progress();

  /**
   * Moves traffic back to the former active site while that is instant: after the switch and before
   * the backfill. Refused at once otherwise. The release then ends as ROLLED_BACK.
   */
  @UpdateMethod(name = "rollback")
  String rollback(RollbackRequest request);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(RollbackRequest request);

  /** Approve the step that waits. Refused at once (validator) when the rules say no. */
  @UpdateMethod(name = "approve")
  ApprovalRecord approve(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApprovalRequest request);

  @UpdateMethod(name = "reject")
  ApprovalRecord reject(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(ApprovalRequest request);

  /** The same approval for the Temporal Web UI, which sends a Signal with a JSON payload. */
  @SignalMethod(name = "approve")
  void approveSignal(ApprovalRequest request);

  @SignalMethod(name = "reject")
  void rejectSignal(ApprovalRequest request);
}
