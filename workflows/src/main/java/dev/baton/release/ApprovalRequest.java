package dev.baton.release;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.baton.rules.SignedDecisions;

/**
 * An approval or rejection, from the CLI (Update) or the Temporal Web UI (Signal with this JSON:
 * {@code {"step":"switch","approver":"alice","comment":"looks good"}}, plus, where approvals are
 * signed, the {@code runId}, {@code time}, {@code nonce} and {@code signature} that {@code baton
 * release approve --print-payload} prints).
 *
 * <p>Unknown keys are ignored: otherwise the SDK drops a signal it cannot read with no more than a
 * worker log line, and the person who typed {@code "ticket":"OPS-1"} never learns why nothing
 * happened. A misspelt key leaves its field null, which the approval gate refuses and records.
 *
 * @param step the step being approved: "switch" or "backfill"
 * @param runId the release run the approver signed for; null when unsigned
 * @param time when the approver signed, ISO-8601 UTC ("2026-12-06T10:00:00Z"); null when unsigned
 * @param nonce a value the signer chose afresh, so that one signature cannot be sent twice
 * @param signature the SSHSIG ({@code ssh-keygen -Y sign -n baton}) over the {@link
 *     dev.baton.signature.SignedStatement} of this decision; null when unsigned
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalRequest(
    String step,
    String approver,
    String comment,
    String runId,
    String time,
    String nonce,
    String signature) {

  /** An unsigned decision. */
  public ApprovalRequest(String step, String approver, String comment) {
    this(step, approver, comment, null, null, null, null);
  }

  /** The signed part, for {@link SignedDecisions}. */
  public SignedDecisions.Proof proof() {
    return new SignedDecisions.Proof(runId, time, nonce, signature);
  }
}
