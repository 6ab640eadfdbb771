package dev.baton.monitor;

/**
 * How the monitor sees a site: the active one's {@link #HEALTHY}, {@link #FAILING}, {@link #DOWN};
 * the standby's {@link #HEALTHY}, {@link #DEGRADED}.
 */
public enum SiteHealth {
  /** Not checked yet (a new monitor, or the standby right after a failover). */
  UNKNOWN,
  HEALTHY,
  /** The active site failed its last probes, fewer than {@code monitor.failuresBeforeAction}. */
  FAILING,
  /** The active site failed enough probes in a row that the monitor acted (failover or ask). */
  DOWN,
  /** The standby could not take over now: its apps fail, or replication lags or stopped. */
  DEGRADED
}
