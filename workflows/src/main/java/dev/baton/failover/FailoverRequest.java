package dev.baton.failover;

import dev.baton.database.ReplicationStatus;
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
    long lastReplicationAtMillis) {}
