package dev.baton.worker;

import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.database.PostgresDatabaseActivities;
import dev.baton.database.PostgresSiteDatabaseActivities;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.notify.Notifiers;
import dev.baton.probe.HttpProbeActivities;
import dev.baton.prometheus.PrometheusHttpActivities;
import dev.baton.router.RequestLogs;
import dev.baton.router.Routers;
import dev.baton.site.DockerSiteActivities;
import dev.baton.site.SiteActivities;
import java.util.List;
import java.util.Optional;

/**
 * The production activities: Docker and Compose, the router and its request log, HTTP probes, the
 * bake's Prometheus queries, PostgreSQL, the webhook or the log.
 */
public final class RealActivities implements ActivityProvider {
  private final BatonConfig config;

  public RealActivities(BatonConfig config) {
    this.config = config;
  }

  @Override
  public SiteActivities site(SiteConfig site) {
    return new DockerSiteActivities(config, site);
  }

  @Override
  public Optional<SiteDatabaseActivities> siteDatabase(SiteConfig site) {
    return site.database() == null
        ? Optional.empty()
        : Optional.of(new PostgresSiteDatabaseActivities(config, site));
  }

  @Override
  public List<Object> control() {
    return List.of(
        Routers.forConfig(config),
        RequestLogs.forConfig(config),
        new HttpProbeActivities(config),
        new PrometheusHttpActivities(),
        new PostgresDatabaseActivities(config),
        Notifiers.forConfig(config));
  }
}
