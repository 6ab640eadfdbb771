package dev.baton.database;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The part of database work that runs at a site (on the site's task queue), because it replaces
 * files on that site's database server.
 */
@ActivityInterface(namePrefix = "SiteDatabase.")
public interface SiteDatabaseActivities {

  /**
   * Re-seeds the site's database as a replica of {@code primarySite}'s by running the site's
   * configured {@code database.reseedCommand} (environment: {@code BATON_SITE}, {@code
   * BATON_PRIMARY_SITE}, {@code BATON_PRIMARY_HOST}, {@code BATON_PRIMARY_PORT}), then waits until
   * it is in recovery and streams from the primary. Heartbeats while it runs; the command's time
   * limit is the activity's StartToClose timeout. Idempotent as long as the command is (a retry
   * runs it again). Fails with {@code RESEED_FAILED}: non-retryable when the command is missing or
   * exits non-zero, retryable when the database is unreachable afterwards.
   */
  @ActivityMethod
  ReseedResult reseed(ReseedRequest request);
}
