package dev.baton.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A bounded stream of GET requests to one loopback URL.
 *
 * @param url where to send them; must be on 127.0.0.0/8 (load never leaves this machine)
 * @param perSecond requests started per second, whatever the answers' speed (open model)
 * @param maxDuration the run stops after this long at the latest
 * @param stopFile the run also stops as soon as this file exists (null: no stop file)
 * @param timeout a request that takes longer counts as failed
 * @param newConnections each request on a connection of its own (clients that do not keep
 *     connections alive), instead of over 32 keep-alive connections
 */
public record LoadPlan(
    URI url,
    int perSecond,
    Duration maxDuration,
    Path stopFile,
    Duration timeout,
    boolean newConnections) {

  public static final int MAX_PER_SECOND = 2_000;

  /** Long enough for bench/monitor-soak's 30 minutes; a forgotten generator still ends. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(60);

  public LoadPlan {
    if (!"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("load URL must be http://127.x.x.x:PORT/...: " + url);
    }
    if (!url.getHost().startsWith("127.") && !"localhost".equals(url.getHost())) {
      throw new IllegalArgumentException(
          "load goes to 127.0.0.0/8 only, not " + url.getHost() + " (" + url + ")");
    }
    if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException(
          "requests per second must be 1.." + MAX_PER_SECOND + ", not " + perSecond);
    }
    if (maxDuration.isNegative()
        || maxDuration.isZero()
        || maxDuration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "duration must be more than 0 and at most " + MAX_DURATION + ", not " + maxDuration);
    }
  }

  /** Over keep-alive connections. */
  public LoadPlan(URI url, int perSecond, Duration maxDuration, Path stopFile, Duration timeout) {
    this(url, perSecond, maxDuration, stopFile, timeout, false);
  }

  /**
   * The most requests this plan sends (one per period until the duration ends): the bound that
   * keeps memory use fixed.
   */
  public long maxRequests() {
    long period = 1_000_000_000L / perSecond;
    return (maxDuration.toNanos() + period - 1) / period;
  }
}
