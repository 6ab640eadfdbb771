package dev.baton.release;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.baton.rules.SignedDecisions;

/**
 * Move traffic back to the site that was active before the switch; who asks and why. Where the
 * project takes signed decisions only, signed like an approval (action "rollback", no step, the
 * reason as the comment).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollbackRequest(
    String by, String reason, String runId, String time, String nonce, String signature) {

  /** An unsigned rollback. */
  public RollbackRequest(String by, String reason) {
    this(by, reason, null, null, null, null);
  }

  public SignedDecisions.Proof proof() {
    return new SignedDecisions.Proof(runId, time, nonce, signature);
  }
}
