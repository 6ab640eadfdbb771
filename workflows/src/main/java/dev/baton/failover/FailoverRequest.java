package dev.baton.failover;

import dev.baton.database.ReplicationStatus;
import dev.baton.rules.SignedDecisions;
import java.util.List;

/**
 * Starts a failover. Ids and rules only, never secrets.
 *
 * @param siteIds the project's two sites
 * @param toSite the site to fail over to; null means the standby (the site the router does not
 *     point at). Naming the active site is refused.
 * @param force skip confirming that the active site is down
 * @param firstFailedProbeAtMillis when the monitor saw the first failed probe (epoch ms), for the
 *     RTO from detection; null when a person started the failover
 * @param lastReplication the replication status the monitor saw last before the outage, for the RPO
 *     estimate; null when unknown
 * @param lastReplicationAtMillis when it was seen (epoch ms); 0 when unknown
 * @param time when the requester signed the failover, ISO-8601 UTC; null when unsigned
 * @param nonce a value the signer chose afresh
 * @param signature the SSHSIG over the failover's statement (action "failover", step the target
 *     site or empty, the reason as the comment); null when unsigned
 */
public record FailoverRequest(
    String project,
    List<String> siteIds,
    String toSite,
    boolean force,
    String reason,
    String requestedBy,
    FailoverPolicy policy,
    Long firstFailedProbeAtMillis,
    ReplicationStatus lastReplication,
    long lastReplicationAtMillis,
    String time,
    String nonce,
    String signature) {

  /** An unsigned request. */
  public FailoverRequest(
      String project,
      List<String> siteIds,
      String toSite,
      boolean force,
      String reason,
      String requestedBy,
      FailoverPolicy policy,
      Long firstFailedProbeAtMillis,
      ReplicationStatus lastReplication,
      long lastReplicationAtMillis) {
    this(
        project,
        siteIds,
        toSite,
        force,
        reason,
        requestedBy,
        policy,
        firstFailedProbeAtMillis,
        lastReplication,
        lastReplicationAtMillis,
        null,
        null,
        null);
  }

  public SignedDecisions.Proof proof() {
    return new SignedDecisions.Proof("", time, nonce, signature);
  }
}
