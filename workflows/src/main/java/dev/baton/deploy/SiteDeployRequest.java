package dev.baton.deploy;

import java.time.Duration;

/**
 * @param waitForWorker how long the deploy waits for a worker of the site to take it; null for
 *     {@link #DEFAULT_WAIT_FOR_WORKER} (and in requests written before it existed)
 */
public record SiteDeployRequest(
    String project, String siteId, String version, Duration deployTimeout, Duration waitForWorker) {

  /**
   * Without a bound, a deploy started through the API for a site that no worker serves (a typo, a
   * stopped worker) would wait forever.
   */
  public static final Duration DEFAULT_WAIT_FOR_WORKER = Duration.ofMinutes(10);

  public SiteDeployRequest(String project, String siteId, String version, Duration deployTimeout) {
    this(project, siteId, version, deployTimeout, null);
  }

  public Duration waitForWorkerOrDefault() {
    return waitForWorker == null ? DEFAULT_WAIT_FOR_WORKER : waitForWorker;
  }
}
