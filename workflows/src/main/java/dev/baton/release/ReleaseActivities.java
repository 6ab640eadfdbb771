package dev.baton.release;

import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.images.ImageActivities;
import dev.baton.migrate.MigrateActivities;
import dev.baton.notify.Notifications;
import dev.baton.notify.NotifyActivities;
import dev.baton.operation.OperationActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.prometheus.PrometheusActivities;
import dev.baton.router.RequestLogActivities;
import dev.baton.router.RouterActivities;
import dev.baton.site.SiteActivities;
import dev.baton.smoke.SmokeActivities;
import dev.baton.switchover.SwitchoverActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The activity stubs a release uses, with their timeouts and retries. Site stubs go to each site's
 * own task queue; the rest run on the control queue (the workflow's own). Drills use them too: a
 * drill is a switchover under the release's rules.
 */
public final class ReleaseActivities {
  private static final RetryOptions FEW_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(3)
          .build();

  /** Router calls heartbeat while they run (HeartbeatingRouter); a dead worker shows in this. */
  public static final Duration ROUTER_HEARTBEAT = Duration.ofSeconds(10);

  public final RouterActivities router;
  public final ProbeActivities probe;
  final DatabaseActivities database;

  /** The same activities, for awaitReplay: it waits, heartbeating, for the replica to catch up. */
  final DatabaseActivities replay;

  public final NotifyActivities notify;

  /** The router's log of real requests, for a bake judged by traffic ({@link TrafficJudge}). */
  final RequestLogActivities requestLog;

  /** HTTP smoke tests, on the control queue: its baton.yml holds their headers and bodies. */
  final SmokeActivities smokeHttp;

  /** The bake's Prometheus gate: an instant query, retried a few times before "cannot judge". */
  final PrometheusActivities prometheus;

  private final String project;

  /** The project's other workflows: a release does not start while a drill or failover runs. */
  final OperationActivities operations;

  private final Map<String, SiteActivities> sites = new HashMap<>();
  private final Map<String, SiteDatabaseActivities> siteDatabases = new HashMap<>();
  private final Map<String, ImageActivities> images = new HashMap<>();

  public ReleaseActivities(ReleaseRequest request) {
    this(request.project(), request.siteIds(), request.policy());
  }

  public ReleaseActivities(String project, List<String> siteIds, ReleasePolicy policy) {
    this.project = project;
    // Heartbeat timeout: a switch whose control worker died is retried within seconds, not after
    // the 2 minutes (the worker heartbeats every router call while it runs).
    router =
        Workflow.newActivityStub(
            RouterActivities.class,
            ActivityOptions.newBuilder(shortCall(Duration.ofMinutes(2)))
                .setHeartbeatTimeout(ROUTER_HEARTBEAT)
                .build());
    probe = Workflow.newActivityStub(ProbeActivities.class, shortCall(Duration.ofMinutes(1)));
    database = Workflow.newActivityStub(DatabaseActivities.class, shortCall(Duration.ofMinutes(2)));
    replay =
        Workflow.newActivityStub(
            DatabaseActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(FEW_RETRIES)
                .build());
    notify = Workflow.newActivityStub(NotifyActivities.class, Notifications.OPTIONS);
    requestLog =
        Workflow.newActivityStub(RequestLogActivities.class, shortCall(Duration.ofMinutes(1)));
    smokeHttp = Workflow.newActivityStub(SmokeActivities.class, shortCall(Duration.ofMinutes(2)));
    prometheus =
        Workflow.newActivityStub(PrometheusActivities.class, shortCall(Duration.ofSeconds(30)));
    operations =
        Workflow.newActivityStub(OperationActivities.class, shortCall(Duration.ofMinutes(1)));
    for (String siteId : siteIds) {
      // A deploy can take many minutes; the heartbeat timeout is what notices a dead site worker
      // quickly, and the retry then resumes on the restarted worker.
      ActivityOptions options =
          ActivityOptions.newBuilder()
              .setTaskQueue(Names.siteQueue(project, siteId))
              .setStartToCloseTimeout(policy.deployTimeout())
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(FEW_RETRIES)
              .build();
      sites.put(siteId, Workflow.newActivityStub(SiteActivities.class, options));
      // Publishing builds like a deploy does, on the same site queue and within the same time.
      images.put(siteId, Workflow.newActivityStub(ImageActivities.class, options));
      // Re-seeding copies a whole database: up to an hour, watched through heartbeats.
      siteDatabases.put(
          siteId,
          Workflow.newActivityStub(
              SiteDatabaseActivities.class,
              ActivityOptions.newBuilder(options)
                  .setStartToCloseTimeout(Duration.ofHours(1))
                  .setRetryOptions(
                      RetryOptions.newBuilder(FEW_RETRIES).setMaximumAttempts(2).build())
                  .build()));
    }
  }

  /** The stubs a switchover calls (the switch, the database's part, the queue workers). */
  public SwitchoverActivities switchover() {
    return new SwitchoverActivities(router, database, replay, sites, siteDatabases);
  }

  SiteActivities site(String siteId) {
    return sites.get(siteId);
  }

  /**
   * Service smoke tests on the site's own queue, allowed the check's timeout plus a minute for
   * Compose to start and clean up; heartbeats notice a dead site worker sooner.
   */
  SmokeActivities smokeService(String siteId, Duration timeout) {
    return oneOff(SmokeActivities.class, siteId, timeout);
  }

  /** Image publishing and digests ({@code images.mode: registry}) on the site's own queue. */
  ImageActivities images(String siteId) {
    return images.get(siteId);
  }

  /**
   * The migration on the site's own queue, allowed its timeout plus a minute for Compose to start
   * it. Retried only when it could not run at all (a retry attaches to the container the attempt
   * before it started, see {@code MigrateActivities}); a failed migration is an answer.
   */
  MigrateActivities migrate(String siteId, Duration timeout) {
    return oneOff(MigrateActivities.class, siteId, timeout);
  }

  /** A one-off container's call on the site's queue: its timeout plus a minute for Compose. */
  private <T> T oneOff(Class<T> activities, String siteId, Duration timeout) {
    return Workflow.newActivityStub(
        activities,
        ActivityOptions.newBuilder()
            .setTaskQueue(Names.siteQueue(project, siteId))
            .setStartToCloseTimeout(timeout.plus(Duration.ofMinutes(1)))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(FEW_RETRIES)
            .build());
  }

  private static ActivityOptions shortCall(Duration timeout) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(FEW_RETRIES)
        .build();
  }
}
