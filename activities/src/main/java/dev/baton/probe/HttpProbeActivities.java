package dev.baton.probe;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.SmokeConfig;
import dev.baton.smoke.SmokeActivities;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import java.time.Duration;
import java.util.Map;

/** Probes a site's apps over HTTP, as configured under {@code sites[].health}. */
public final class HttpProbeActivities implements ProbeActivities, SmokeActivities {
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

  /**
   * An HTTP smoke test of this control worker's baton.yml (headers and bodies never leave it); the
   * request names the check. A failing check is an answer, never an exception.
   */
  @Override
  public SmokeResult smoke(SmokeRequest request) {
    SmokeConfig smoke = config.release().smoke(request.check().name());
    if (smoke == null || smoke.isService()) {
      throw FailureKind.BAD_CONFIG.failure(
          "no HTTP smoke test named '"
              + request.check().name()
              + "' in the control worker's "
              + config.file()
              + " (was it removed while the release ran?)");
    }
    SiteConfig site = config.site(request.siteId());
    return HttpSmoke.run(smoke, site.health().get(smoke.http().app()));
  }
}
