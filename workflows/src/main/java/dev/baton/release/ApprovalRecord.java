package dev.baton.release;

import dev.baton.rules.CallerText;
import java.time.Instant;

/**
 * One approval attempt, kept in the release's progress whether it was accepted or refused.
 *
 * @param decision "approve" or "reject"
 * @param via "update" (CLI) or "signal" (Web UI)
 * @param reason why it was refused; empty when accepted
 * @param key the {@code SHA256:} fingerprint of the SSH key that signed it; empty when unsigned
 *     (and null in records written before signatures existed)
 */
public record ApprovalRecord(
    String step,
    String approver,
    String comment,
    String decision,
    boolean accepted,
    String reason,
    String via,
    Instant at,
    String key) {

  public ApprovalRecord {
    key = key == null ? "" : key;
  }

  public ApprovalRecord(
      String step,
      String approver,
      String comment,
      String decision,
      boolean accepted,
      String reason,
      String via,
      Instant at) {
    this(step, approver, comment, decision, accepted, reason, via, at, "");
  }

  /**
   * "approved by alice: looks good", "rejected by the timeout policy: …". What the approver typed
   * is escaped ({@link CallerText}): it ends up in messages operators read on a terminal.
   */
  public String describe() {
    String verb = decision.equals("approve") ? "approved" : "rejected";
    String by =
        via.equals("timeout") ? "by the timeout policy" : "by " + CallerText.escape(approver);
    return verb + " " + by + (comment.isEmpty() ? "" : ": " + CallerText.escape(comment));
  }
}
