package dev.baton.release;

import dev.baton.metrics.WorkflowMetrics;
import dev.baton.report.Texts;
import dev.baton.rules.CallerText;
import dev.baton.rules.SignedDecisions;
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
  private SignedDecisions signatures;
  private final String requestedBy;

  /** The fingerprint of the key that signed the start; empty when it was unsigned. */
  private String requesterKey = "";

  private final List<ApprovalRecord> records = new ArrayList<>();
  private String waitingFor;
  private ApprovalRecord decision;

  ApprovalGate(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  /** The rules in force, known once the release has read them; no step waits before that. */
  void rules(ReleasePolicy policy, SignedDecisions signatures, String requesterKey) {
    this.policy = policy;
    this.signatures = signatures;
    this.requesterKey = requesterKey == null ? "" : requesterKey;
  }

  /** Why this attempt is refused and, when signed, by which key. */
  private record Verdict(String refusal, String key) {}

  /**
   * Why no decision on this step can be taken now (no step waits, another one does), or null. The
   * Update validator refuses only these: a decision that comes at the wrong moment leaves no trace.
   * Whether this approver may decide (the name, the list, four-eyes, the signature) is judged by
   * {@link #submit}, which records every refused attempt in the release's history.
   */
  String notNow(ApprovalRequest request, boolean approving) {
    if (request == null || isBlank(request.step())) {
      return "say which step you " + verb(approving) + " (" + waitingHint() + ")";
    }
    if (waitingFor == null || decision != null) {
      return "step '"
          + CallerText.escape(request.step())
          + "' is not waiting for approval ("
          + waitingHint()
          + ")";
    }
    if (!waitingFor.equals(request.step())) {
      return "step '"
          + CallerText.escape(request.step())
          + "' is not waiting for approval; '"
          + waitingFor
          + "' is";
    }
    return null;
  }

  private Verdict evaluate(ApprovalRequest request, boolean approving) {
    String notNow = notNow(request, approving);
    if (notNow != null) {
      return refused(notNow);
    }
    String approver = CallerText.normalizeName(request.approver());
    if (isBlank(approver)) {
      return refused("an approver name is required");
    }
    String badName = CallerText.nameProblem(approver);
    if (badName != null) {
      return refused(badName);
    }
    if (!policy.approvers().isEmpty() && !policy.approvers().contains(approver)) {
      return refused(
          CallerText.escape(approver)
              + " is not an allowed approver (allowed: "
              + String.join(", ", policy.approvers())
              + ")");
    }
    if (approving && policy.fourEyes() && approver.equals(requestedBy)) {
      return refused(
          "four-eyes rule: "
              + CallerText.escape(approver)
              + " requested this release and cannot approve it");
    }
    SignedDecisions.Check check =
        signatures.checkHere(
            verb(approving), true, request.step(), approver, request.comment(), request.proof());
    if (check.refusal() != null) {
      return refused(check.refusal());
    }
    if (approving
        && policy.fourEyes()
        && !check.key().isEmpty()
        && check.key().equals(requesterKey)) {
      return new Verdict(
          "four-eyes rule: "
              + check.key()
              + " signed the start of this release and cannot approve it, under any name",
          check.key());
    }
    return new Verdict(null, check.key());
  }

  /** Records the attempt; when allowed, it decides the waiting step. */
  ApprovalRecord submit(ApprovalRequest request, boolean approving, String via) {
    Verdict verdict = evaluate(request, approving);
    String reason = verdict.refusal();
    if (!verdict.key().isEmpty()) {
      signatures.used(request.proof());
    }
    ApprovalRecord record =
        new ApprovalRecord(
            request == null ? "" : request.step(),
            request == null || request.approver() == null
                ? ""
                : CallerText.normalizeName(request.approver()),
            request == null || request.comment() == null ? "" : request.comment(),
            verb(approving),
            reason == null,
            reason == null ? "" : reason,
            via,
            now(),
            verdict.key());
    records.add(record);
    if (reason == null) {
      decision = record;
    }
    return record;
  }

  private static Verdict refused(String why) {
    return new Verdict(why, "");
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
