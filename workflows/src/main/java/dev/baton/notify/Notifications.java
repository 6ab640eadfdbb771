package dev.baton.notify;

import dev.baton.report.Reasons;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * The events workflows notify about, and how they send them: retried a few times with backoff,
 * bounded in time, and never failing the workflow that sends. A notification that still fails is
 * returned to the caller, which reports it in its status.
 */
public final class Notifications {
  public static final String APPROVAL_NEEDED = "approval-needed";
  public static final String RELEASE_SUCCEEDED = "release-succeeded";

  /** A release that failed, was rejected, rolled back or cancelled (the text says which). */
  public static final String RELEASE_FAILED = "release-failed";

  public static final String FAILOVER_SUCCEEDED = "failover-succeeded";
  public static final String FAILOVER_FAILED = "failover-failed";
  public static final String DRILL_SUCCEEDED = "drill-succeeded";
  public static final String DRILL_FAILED = "drill-failed";
  public static final String SITE_DOWN = "site-down";
  public static final String FAILOVER_APPROVAL_NEEDED = "failover-approval-needed";
  public static final String SITE_RECOVERED = "site-recovered";
  public static final String STANDBY_DEGRADED = "standby-degraded";
  public static final String STANDBY_RECOVERED = "standby-recovered";

  /** The monitor's failover (automatic or approved) finished. */
  public static final String FAILOVER_DONE = "failover-done";

  /** Every event, in the order docs/config.md lists them. */
  public static final List<String> EVENTS =
      List.of(
          APPROVAL_NEEDED,
          RELEASE_SUCCEEDED,
          RELEASE_FAILED,
          FAILOVER_SUCCEEDED,
          FAILOVER_FAILED,
          DRILL_SUCCEEDED,
          DRILL_FAILED,
          SITE_DOWN,
          FAILOVER_APPROVAL_NEEDED,
          SITE_RECOVERED,
          STANDBY_DEGRADED,
          STANDBY_RECOVERED,
          FAILOVER_DONE);

  /**
   * Four attempts, 2, 4 and 8 s apart, all within two minutes. A webhook call gives up after about
   * 15 s itself (see WebhookNotifyActivities), so an unreachable webhook costs the sender about a
   * minute; a webhook that refuses the message (4xx) fails at once, without retries.
   */
  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(20))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  private static final Logger log = Workflow.getLogger(Notifications.class);

  private Notifications() {}

  /**
   * Sends and waits for the outcome.
   *
   * @return null when delivered; else why not, for the caller's status
   */
  public static String send(NotifyActivities stub, String project, String event, String text) {
    try {
      stub.send(new Notification(project, event, text));
      return null;
    } catch (ActivityFailure e) {
      // A notification that cannot be delivered must never change an operation's outcome.
      String reason = Reasons.of(e);
      log.warn("notification {} not delivered: {}", event, reason);
      return reason;
    }
  }

  /** How a status line reports an undelivered notification. */
  public static String undelivered(String event, String reason) {
    return "notification " + event + " not delivered: " + reason;
  }
}
