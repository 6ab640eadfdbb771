package dev.baton.release;

import java.time.Instant;

/**
 * One approval attempt, kept in the release's progress whether it was accepted or refused.
 *
 * @param decision "approve" or "reject"
 * @param via "update" (CLI) or "signal" (Web UI)
 * @param reason why it was refused; empty when accepted
 */
public record ApprovalRecord(
    String step,
    String approver,
    String comment,
    String decision,
    boolean accepted,
    String reason,
    String via,
    Instant at) {

  /** "approved by alice: looks good", "rejected by the timeout policy: …". */
  public String describe() {
    String verb = decision.equals("approve") ? "approved" : "rejected";
    String by = via.equals("timeout") ? "by the timeout policy" : "by " + approver;
    return verb + " " + by + (comment.isEmpty() ? "" : ": " + comment);
  }
}
