package dev.baton.migrate;

import java.time.Duration;

/**
 * The release's migration as its policy carries it ({@code release.migrate}).
 *
 * @param service the compose service of the new version that migrates the schema
 * @param timeout how long it may run; past that it is stopped and the release fails
 */
public record MigrateStep(String service, Duration timeout) {}
