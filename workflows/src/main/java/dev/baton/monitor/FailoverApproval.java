package dev.baton.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.baton.rules.SignedDecisions;

/**
 * A person's go for the failover a manual-mode monitor waits for; signed (action "monitor-approve",
 * the monitor's current run, the reason as the comment) where the project takes signed decisions
 * only. Unknown keys typed in the Web UI are ignored rather than making the SDK drop the signal
 * (see {@link dev.baton.release.ApprovalRequest}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverApproval(
    String approver, String reason, String runId, String time, String nonce, String signature) {

  /** An unsigned approval. */
  public FailoverApproval(String approver, String reason) {
    this(approver, reason, null, null, null, null);
  }

  public SignedDecisions.Proof proof() {
    return new SignedDecisions.Proof(runId, time, nonce, signature);
  }
}
