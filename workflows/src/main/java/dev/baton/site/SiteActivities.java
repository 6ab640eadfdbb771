package dev.baton.site;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Side effects on one site. Runs on that site's task queue ({@link dev.baton.Names#siteQueue}),
 * served by a worker next to the site's Docker engine, which reads the site's files and secrets
 * locally: requests carry only ids and the version.
 */
@ActivityInterface(namePrefix = "Site.")
public interface SiteActivities {

  /** Which version each service runs, and whether the site is healthy. Read-only. */
  @ActivityMethod
  SiteState describe(SiteRequest request);

  /**
   * Checks out the version (when configured), builds or pulls and tags its images, brings the
   * compose project up and waits until every service is healthy. Idempotent: deploying the version
   * a site already runs changes nothing. Heartbeats while it waits.
   */
  @ActivityMethod
  DeployResult deploy(DeployRequest request);

  /** Starts or stops the services that must run on the active site only (queue workers). */
  @ActivityMethod
  void setActiveOnlyServices(ActiveOnlyRequest request);
}
