package dev.baton.worker;

import dev.baton.config.SiteConfig;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.site.SiteActivities;
import java.util.List;
import java.util.Optional;

/** Makes the activity implementations a worker registers; tests swap in doubles. */
public interface ActivityProvider {

  /** The activities of one site, served on that site's task queue. */
  SiteActivities site(SiteConfig site);

  /** The site-local database activities (re-seed), served on that site's task queue too. */
  default Optional<SiteDatabaseActivities> siteDatabase(SiteConfig site) {
    return Optional.empty();
  }

  /** Router, probe, database and notification activities, served on the control queue. */
  List<Object> control();
}
