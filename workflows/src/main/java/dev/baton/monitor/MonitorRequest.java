package dev.baton.monitor;

import dev.baton.failover.FailoverPolicy;
import java.util.List;

/**
 * Starts (or, after continue-as-new, continues) a project's monitor.
 *
 * @param state what the previous run knew; null on the first start
 */
public record MonitorRequest(
    String project,
    List<String> siteIds,
    String requestedBy,
    MonitorPolicy policy,
    FailoverPolicy failover,
    MonitorStatus state) {}
