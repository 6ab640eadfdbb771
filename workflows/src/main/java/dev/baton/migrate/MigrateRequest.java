package dev.baton.migrate;

import java.time.Duration;

/**
 * Run {@code service} of {@code version} once on {@code siteId}, the active site.
 *
 * @param key names this release's run (workflow id and run id): the same key is the same migration,
 *     so its container is found again, never started twice. The workflow id alone is not enough:
 *     every release of a project reuses it
 */
public record MigrateRequest(
    String project, String siteId, String version, String service, Duration timeout, String key) {}
