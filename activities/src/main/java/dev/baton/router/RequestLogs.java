package dev.baton.router;

import dev.baton.config.BatonConfig;
import dev.baton.config.DnsRouterConfig;
import dev.baton.config.HaproxyRouterConfig;
import dev.baton.config.NginxRouterConfig;

/** Picks how request errors are measured for {@code router.type}, like {@link Routers}. */
public final class RequestLogs {

  private RequestLogs() {}

  public static RequestLogActivities forConfig(BatonConfig config) {
    if (config.router() instanceof NginxRouterConfig nginx) {
      return AccessLogRequestLog.nginx(nginx);
    }
    if (config.router() instanceof HaproxyRouterConfig haproxy) {
      return AccessLogRequestLog.haproxy(haproxy);
    }
    if (config.router() instanceof DnsRouterConfig) {
      return new UnmeasuredRequestLog(
          "a DNS router sees no requests (clients connect to the sites directly)");
    }
    throw new IllegalArgumentException("no request log for " + config.router());
  }
}
