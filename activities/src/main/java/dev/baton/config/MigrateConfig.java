package dev.baton.config;

import java.time.Duration;

/**
 * {@code release.migrate}: the schema migration a release runs once on the active site, against its
 * primary database, before the standby's deploy.
 *
 * @param service a compose service of the new version (profile-gated, so a deploy never starts it);
 *     its exit code decides
 * @param timeout how long it may run before it is stopped and the release fails
 */
public record MigrateConfig(String service, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
}
