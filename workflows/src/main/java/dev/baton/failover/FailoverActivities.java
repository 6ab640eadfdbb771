package dev.baton.failover;

import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.notify.Notifications;
import dev.baton.notify.NotifyActivities;
import dev.baton.operation.OperationActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.release.ReleaseActivities;
import dev.baton.router.RouterActivities;
import dev.baton.site.SiteActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The activity stubs of a failover. What touches the failed site is best effort: one attempt,
 * bounded by {@code fenceTimeout} from scheduling (its site worker may be gone with it, so the task
 * would never be picked up). What the failover needs from the surviving site is retried.
 */
final class FailoverActivities {
  private static final RetryOptions FEW_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(10))
          .setMaximumAttempts(3)
          .build();
  private static final RetryOptions ONCE = RetryOptions.newBuilder().setMaximumAttempts(1).build();

  final OperationActivities operations;
  final RouterActivities router;
  final ProbeActivities probe;
  final NotifyActivities notify;

  /** Fence and replay of the failed site's database: once, within the fence timeout. */
  final DatabaseActivities fence;

  /** The surviving replica's catch-up to the failed primary's fence: once, within 30 s. */
  final DatabaseActivities replay;

  /** Promotion and role checks of the surviving database: retried. */
  final DatabaseActivities database;

  private final FailoverRequest request;

  FailoverActivities(FailoverRequest request) {
    this.request = request;
    Duration fenceTimeout = request.policy().fenceTimeout();
    operations =
        Workflow.newActivityStub(OperationActivities.class, retried(Duration.ofSeconds(30)));
    router =
        Workflow.newActivityStub(
            RouterActivities.class,
            ActivityOptions.newBuilder(retried(Duration.ofMinutes(1)))
                .setHeartbeatTimeout(ReleaseActivities.ROUTER_HEARTBEAT)
                .build());
    probe = Workflow.newActivityStub(ProbeActivities.class, retried(Duration.ofSeconds(30)));
    notify = Workflow.newActivityStub(NotifyActivities.class, Notifications.OPTIONS);
    database = Workflow.newActivityStub(DatabaseActivities.class, retried(Duration.ofMinutes(2)));
    fence = Workflow.newActivityStub(DatabaseActivities.class, once(fenceTimeout, null));
    replay =
        Workflow.newActivityStub(
            DatabaseActivities.class,
            ActivityOptions.newBuilder(once(Duration.ofSeconds(30), null))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
  }

  /** The failed site's worker: once, within the fence timeout. */
  SiteActivities failedSite(String siteId) {
    return Workflow.newActivityStub(
        SiteActivities.class,
        once(request.policy().fenceTimeout(), Names.siteQueue(request.project(), siteId)));
  }

  /** The surviving site's worker: retried. */
  SiteActivities survivingSite(String siteId) {
    return Workflow.newActivityStub(
        SiteActivities.class,
        ActivityOptions.newBuilder(retried(Duration.ofMinutes(5)))
            .setTaskQueue(Names.siteQueue(request.project(), siteId))
            .build());
  }

  private static ActivityOptions retried(Duration timeout) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(FEW_RETRIES)
        .build();
  }

  private static ActivityOptions once(Duration timeout, String taskQueue) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder().setScheduleToCloseTimeout(timeout).setRetryOptions(ONCE);
    if (taskQueue != null) {
      options.setTaskQueue(taskQueue);
    }
    return options.build();
  }
}
