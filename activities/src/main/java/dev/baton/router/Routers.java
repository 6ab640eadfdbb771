package dev.baton.router;

import dev.baton.config.BatonConfig;
import dev.baton.config.DnsRouterConfig;
import dev.baton.config.HaproxyRouterConfig;
import dev.baton.config.NginxRouterConfig;

/** Picks the router implementation that {@code router.type} in baton.yml names. */
public final class Routers {

  private Routers() {}

  /** The router, heartbeating while it works ({@link HeartbeatingRouter}). */
  public static RouterActivities forConfig(BatonConfig config) {
    return new HeartbeatingRouter(implementation(config));
  }

  static RouterActivities implementation(BatonConfig config) {
    if (config.router() instanceof DnsRouterConfig dns) {
      return new DnsRouterActivities(dns);
    }
    if (config.router() instanceof NginxRouterConfig nginx) {
      return new NginxRouterActivities(nginx);
    }
    if (config.router() instanceof HaproxyRouterConfig haproxy) {
      return new HaproxyRouterActivities(haproxy);
    }
    throw new IllegalArgumentException("no router implementation for " + config.router());
  }
}
