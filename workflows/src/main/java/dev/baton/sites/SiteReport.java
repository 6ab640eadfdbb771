package dev.baton.sites;

import java.util.Map;

/**
 * One site in a {@link SitesReport}.
 *
 * @param role "active" (the router points at it), "standby", or "unknown" (the router did not
 *     answer)
 * @param reachable its site worker and Docker engine answered
 * @param versions service to the version it runs ("" when none); empty when unreachable
 * @param containers service to its container's state ("healthy", "running", "exited (1)")
 * @param containersReady every service that should run on the site is ready (Docker's view)
 * @param siteDetail what the site said about itself, or why it did not answer
 * @param probeHealthy the HTTP health checks passed; null when they could not be run
 * @param probe the checks in one line: "2 app(s) healthy", "api: HTTP 503", or why not run
 * @param database its database's role in one line ("primary at 0/3000148", "replica, fenced");
 *     empty when the database mode is not replicated
 * @param replication on the replica: streaming or not, and its lag; empty otherwise
 * @param digests service to the registry digest its image has ({@code images.mode: registry});
 *     empty otherwise
 */
public record SiteReport(
    String siteId,
    String role,
    boolean reachable,
    Map<String, String> versions,
    Map<String, String> containers,
    boolean containersReady,
    String siteDetail,
    Boolean probeHealthy,
    String probe,
    String database,
    String replication,
    Map<String, String> digests) {

  public SiteReport {
    digests = digests == null ? Map.of() : digests;
  }

  /** A report without image digests. */
  public SiteReport(
      String siteId,
      String role,
      boolean reachable,
      Map<String, String> versions,
      Map<String, String> containers,
      boolean containersReady,
      String siteDetail,
      Boolean probeHealthy,
      String probe,
      String database,
      String replication) {
    this(
        siteId,
        role,
        reachable,
        versions,
        containers,
        containersReady,
        siteDetail,
        probeHealthy,
        probe,
        database,
        replication,
        Map.of());
  }
}
