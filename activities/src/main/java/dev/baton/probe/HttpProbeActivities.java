package dev.baton.probe;

import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import java.time.Duration;
import java.util.Map;

/** Probes a site's apps over HTTP, as configured under {@code sites[].health}. */
public final class HttpProbeActivities implements ProbeActivities {
  private final BatonConfig config;
  private final HttpChecks checks = new HttpChecks(Duration.ofSeconds(3));

  public HttpProbeActivities(BatonConfig config) {
    this.config = config;
  }

  @Override
  public ProbeResult probe(ProbeRequest request) {
    SiteConfig site = config.site(request.siteId());
    Map<String, String> failures = checks.failures(site.health());
    return new ProbeResult(site.id(), failures.isEmpty(), site.health().size(), failures);
  }
}
