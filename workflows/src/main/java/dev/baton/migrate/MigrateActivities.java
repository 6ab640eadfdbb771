package dev.baton.migrate;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs a release's schema migration: a compose service of the new version, once, on the active site
 * (its database is the primary; the standby's replica receives the change by replication). On the
 * active site's own queue: it needs the site's Docker engine.
 *
 * <p>Run once: the container is named after the release's run ({@link MigrateRequest#key}), so an
 * attempt that finds a container of that name (a retry, or a re-dispatch after its worker died)
 * waits for that one and reads its exit code instead of starting another. A non-zero exit is an
 * answer, not an exception; only a migration that could not be started or followed at all (an
 * engine that does not answer) throws, retryable.
 */
@ActivityInterface(namePrefix = "Migrate.")
public interface MigrateActivities {

  @ActivityMethod
  MigrateResult migrate(MigrateRequest request);
}
