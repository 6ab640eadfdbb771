package dev.baton.database;

import dev.baton.config.BatonConfig;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import org.assertj.core.api.Assertions;

/**
 * The database activities called the way a workflow calls them (through Temporal's test activity
 * environment, so heartbeats and ApplicationFailures behave as in production), with one attempt
 * each so a test sees every failure.
 */
final class Activities implements AutoCloseable {
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private final BatonConfig config;
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final DatabaseActivities db;

  Activities(BatonConfig config) {
    this.config = config;
    env.registerActivitiesImplementations(new PostgresDatabaseActivities(config));
    db = env.newActivityStub(DatabaseActivities.class, OPTIONS);
  }

  /** Runs the reseed activity as {@code site}'s queue worker would. */
  ReseedResult reseed(String site, String primarySite) {
    TestActivityEnvironment siteEnv = TestActivityEnvironment.newInstance();
    try {
      siteEnv.registerActivitiesImplementations(
          new PostgresSiteDatabaseActivities(config, config.site(site)));
      return siteEnv
          .newActivityStub(SiteDatabaseActivities.class, OPTIONS)
          .reseed(new ReseedRequest("shop", site, primarySite));
    } finally {
      siteEnv.close();
    }
  }

  /** The ApplicationFailure an activity call ended with. */
  static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure failure = Assertions.catchThrowableOfType(ActivityFailure.class, call::run);
    Assertions.assertThat(failure).as("the activity should have failed").isNotNull();
    Assertions.assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }

  static DatabaseRequest site(String id) {
    return new DatabaseRequest("shop", id);
  }

  @Override
  public void close() {
    env.close();
  }
}
