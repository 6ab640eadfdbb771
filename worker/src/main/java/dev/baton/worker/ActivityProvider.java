package dev.baton.worker;

import dev.baton.config.SiteConfig;
import dev.baton.site.SiteActivities;
import java.util.List;

/** Makes the activity implementations a worker registers; tests swap in doubles. */
public interface ActivityProvider {

  /** The activities of one site, served on that site's task queue. */
  SiteActivities site(SiteConfig site);

  /** Router, probe, database and notification activities, served on the control queue. */
  List<Object> control();
}
