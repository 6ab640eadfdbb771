package dev.baton.release;

import dev.baton.metrics.WorkflowMetrics;
import dev.baton.report.Texts;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The approval rules and the one step that may be waiting. The same checks serve the Update
 * validator (so the CLI hears "no" at once) and the Signal handler (the Web UI, which cannot be
 * answered, so refused signals are recorded instead).
 */
final class ApprovalGate {
  private ReleasePolicy policy;
  private final String requestedBy;
  private final List<ApprovalRecord> records = new ArrayList<>();
  private String waitingFor;
  private ApprovalRecord decision;

  ApprovalGate(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  /** The rules in force, known once the release has read them; no step waits before that. */
  void rules(ReleasePolicy policy) {
    this.policy = policy;
  }

  /** Why this attempt is refused, or null when it is allowed. Pure: safe in a validator. */
  String refusal(ApprovalRequest request, boolean approving) {
    if (request == null || isBlank(request.step())) {
      return "say which step you " + verb(approving) + " (" + waitingHint() + ")";
    }
    if (waitingFor == null || decision != null) {
      return "step '" + request.step() + "' is not waiting for approval (" + waitingHint() + ")";
    }
    if (!waitingFor.equals(request.step())) {
      return "step '" + request.step() + "' is not waiting for approval; '" + waitingFor + "' is";
    }
    if (isBlank(request.approver())) {
      return "an approver name is required";
    }
    String approver = request.approver().trim();
    if (!policy.approvers().isEmpty() && !policy.approvers().contains(approver)) {
      return approver
          + " is not an allowed approver (allowed: "
          + String.join(", ", policy.approvers())
          + ")";
    }
    if (approving && policy.fourEyes() && approver.equals(requestedBy)) {
      return "four-eyes rule: " + approver + " requested this release and cannot approve it";
    }
    return null;
  }

  /** Records the attempt; when allowed, it decides the waiting step. */
  ApprovalRecord submit(ApprovalRequest request, boolean approving, String via) {
    String reason = refusal(request, approving);
    ApprovalRecord record =
        new ApprovalRecord(
            request == null ? "" : request.step(),
            request == null || request.approver() == null ? "" : request.approver().trim(),
            request == null || request.comment() == null ? "" : request.comment(),
            verb(approving),
            reason == null,
            reason == null ? "" : reason,
            via,
            now());
    records.add(record);
    if (reason == null) {
      decision = record;
    }
    return record;
  }

  /** From now on {@code step} waits: approvals for it are accepted. */
  void open(String step) {
    waitingFor = step;
    decision = null;
  }

  /**
   * Waits for a decision on the open step. Returns it, or on timeout a record made by the timeout
   * policy (approver "baton", decision per {@link ReleasePolicy#onApprovalTimeout()}). Returns null
   * when {@code interrupted} became true first.
   */
  ApprovalRecord await(BooleanSupplier interrupted) {
    String step = waitingFor;
    long waitingSince = Workflow.currentTimeMillis();
    boolean decided =
        Workflow.await(
            policy.approvalTimeout(), () -> decision != null || interrupted.getAsBoolean());
    if (decision == null && interrupted.getAsBoolean()) {
      waitingFor = null;
      return null;
    }
    if (!decided) {
      boolean approve = policy.onApprovalTimeout() == TimeoutOutcome.APPROVE;
      String why = "no decision within " + Texts.duration(policy.approvalTimeout());
      decision = new ApprovalRecord(step, "baton", why, verb(approve), true, "", "timeout", now());
      records.add(decision);
    }
    waitingFor = null;
    WorkflowMetrics.since(
        WorkflowMetrics.APPROVAL_WAIT,
        Map.of("step", step, "decision", decision.decision()),
        waitingSince);
    return decision;
  }

  String waitingFor() {
    return waitingFor;
  }

  List<ApprovalRecord> records() {
    return List.copyOf(records);
  }

  private String waitingHint() {
    return waitingFor == null || decision != null
        ? "no step is waiting now"
        : "'" + waitingFor + "' is waiting";
  }

  private static String verb(boolean approving) {
    return approving ? "approve" : "reject";
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
