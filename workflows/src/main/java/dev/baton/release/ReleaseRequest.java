package dev.baton.release;

import dev.baton.rules.SignedDecisions;
import java.util.List;

/**
 * Starts a release. Carries ids and who asks, never rules or secrets: the control worker reads its
 * own baton.yml when the release plans, and workers read the sites' files and credentials locally.
 *
 * @param siteIds ignored since the control worker owns the rules; read only when replaying a
 *     release started before
 * @param policy the same: ignored, the control worker's rules hold
 * @param time when the requester signed the start, ISO-8601 UTC; null when unsigned
 * @param nonce a value the signer chose afresh
 * @param signature the SSHSIG over the start's {@link dev.baton.signature.SignedStatement} (action
 *     "start", step the version, no run); null when unsigned
 */
public record ReleaseRequest(
    String project,
    String version,
    String requestedBy,
    List<String> siteIds,
    ReleasePolicy policy,
    String time,
    String nonce,
    String signature) {

  /** An unsigned request. */
  public ReleaseRequest(
      String project,
      String version,
      String requestedBy,
      List<String> siteIds,
      ReleasePolicy policy) {
    this(project, version, requestedBy, siteIds, policy, null, null, null);
  }

  /** The signed part of the start, for which no run existed yet. */
  public SignedDecisions.Proof proof() {
    return new SignedDecisions.Proof("", time, nonce, signature);
  }
}
