package dev.baton.monitor;

import java.time.Duration;

/**
 * The {@code monitor} part of {@code baton.yml}.
 *
 * @param interval time between probes of the active site
 * @param failuresBeforeAction consecutive failed probes before the monitor acts (hysteresis)
 * @param autoFailover true: start a failover; false: notify and wait for {@code approveFailover}
 * @param maxLagBytes replication lag above this is reported as degraded (replicated mode)
 * @param maxLag the same, in time
 */
public record MonitorPolicy(
    Duration interval,
    int failuresBeforeAction,
    boolean autoFailover,
    long maxLagBytes,
    Duration maxLag) {}
