package dev.baton.monitor;

import dev.baton.database.ReplicationStatus;
import java.util.List;

/**
 * What the monitor knows; the {@code status} query's answer, and the state carried over
 * continue-as-new.
 *
 * @param activeSite where the router pointed at the last probe
 * @param activeHealth HEALTHY, FAILING (below the threshold), DOWN, or UNKNOWN before the first
 *     probe
 * @param consecutiveFailures failed probes in a row of the active site
 * @param firstFailedProbeAtMillis epoch ms of the first of them; 0 when healthy
 * @param standbyHealth HEALTHY, "DEGRADED: " and why, or UNKNOWN before the first check: free text
 *     on the wire, read with {@link StandbyHealth#of}
 * @param lastReplication last replication status seen while the active site was up; null in
 *     external database mode or before the first check
 * @param waitingForApproval manual mode: the active site is down and the monitor waits for {@code
 *     approveFailover}
 * @param failoverWorkflowId the failover the monitor started last, or null
 * @param probes probes done since the monitor started (across continue-as-new)
 * @param events the latest notable changes, newest last (bounded)
 */
public record MonitorStatus(
    String activeSite,
    SiteHealth activeHealth,
    int consecutiveFailures,
    long firstFailedProbeAtMillis,
    String standbyHealth,
    ReplicationStatus lastReplication,
    long lastReplicationAtMillis,
    boolean waitingForApproval,
    String failoverWorkflowId,
    long probes,
    List<String> events) {}
