package dev.baton.config;

import java.time.Duration;

/**
 * One smoke test of {@code release.smoke}: run against the standby after validate, before the
 * approval. Exactly one of {@code service} and {@code http} is set.
 *
 * @param name how the check is named in the progress, the notification and the logs
 * @param service a compose service of the new version, run once on the standby ({@code compose run
 *     --rm}); its exit code decides
 * @param http a declarative HTTP request against one app of the standby
 * @param timeout how long the service may run, or the request may take
 */
public record SmokeConfig(String name, String service, HttpSmokeConfig http, Duration timeout) {

  public static final Duration DEFAULT_SERVICE_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);

  public boolean isService() {
    return service != null;
  }
}
