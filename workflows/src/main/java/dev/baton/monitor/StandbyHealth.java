package dev.baton.monitor;

/**
 * The standby's health with the reason it is degraded. {@link MonitorStatus#standbyHealth()}
 * carries it as one string ("HEALTHY", "UNKNOWN", "DEGRADED: secondary's apps: …") so that statuses
 * written before this type, and the monitor's state carried over continue-as-new, still read; this
 * type reads and writes that string, so nothing else parses its prefix.
 *
 * @param problem why the standby cannot take over; empty unless {@link SiteHealth#DEGRADED}
 */
public record StandbyHealth(SiteHealth health, String problem) {
  static final StandbyHealth UNKNOWN = new StandbyHealth(SiteHealth.UNKNOWN, "");
  static final StandbyHealth HEALTHY = new StandbyHealth(SiteHealth.HEALTHY, "");
  private static final String DEGRADED = SiteHealth.DEGRADED.name() + ": ";

  static StandbyHealth degraded(String problem) {
    return new StandbyHealth(SiteHealth.DEGRADED, problem);
  }

  /** Reads {@link MonitorStatus#standbyHealth()}; null (never written) is {@link #UNKNOWN}. */
  public static StandbyHealth of(String text) {
    if (text == null) {
      return UNKNOWN;
    }
    if (text.startsWith(DEGRADED)) {
      return degraded(text.substring(DEGRADED.length()));
    }
    return new StandbyHealth(SiteHealth.valueOf(text), "");
  }

  /** The string {@link MonitorStatus#standbyHealth()} carries. */
  public String text() {
    return health == SiteHealth.DEGRADED ? DEGRADED + problem : health.name();
  }
}
