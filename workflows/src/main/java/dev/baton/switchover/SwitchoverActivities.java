package dev.baton.switchover;

import dev.baton.database.DatabaseActivities;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.router.RouterActivities;
import dev.baton.site.SiteActivities;
import java.util.Map;

/**
 * The activity stubs a switchover calls. The workflow that runs it builds them, with its own
 * timeouts and retries, and hands them over ({@code ReleaseActivities.switchover()}).
 *
 * @param replay the database stub for awaitReplay, which waits (heartbeating) for the replica
 * @param sites each site's stub on its own queue, by site id
 * @param siteDatabases each site's database stub on its own queue, by site id
 */
public record SwitchoverActivities(
    RouterActivities router,
    DatabaseActivities database,
    DatabaseActivities replay,
    Map<String, SiteActivities> sites,
    Map<String, SiteDatabaseActivities> siteDatabases) {

  SiteActivities site(String siteId) {
    return sites.get(siteId);
  }

  SiteDatabaseActivities siteDatabase(String siteId) {
    return siteDatabases.get(siteId);
  }
}
