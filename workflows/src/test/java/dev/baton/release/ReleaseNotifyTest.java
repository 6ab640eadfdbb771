package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.baton.notify.Notifications;
import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A webhook that never works: notifications are retried, then reported, and nothing else fails. */
class ReleaseNotifyTest extends ReleaseTestBase {
  private static final String DOWN = "webhook answered HTTP 500: internal_error";

  @Test
  @Fault(
      dependency = "notification webhook",
      fault = "down for the whole release",
      outcome = "release succeeds; undelivered notifications listed in its status")
  void aReleaseSucceedsAndReportsTheNotificationsThatFailed() {
    doThrow(ApplicationFailure.newFailure(DOWN, "NOTIFY_FAILED")).when(rig.notify).send(any());
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    rig.skip(Duration.ofMinutes(1)); // through the retries' backoff, without waiting for it
    release.approve(new ApprovalRequest("switch", "alice", "while the webhook is down"));

    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().notificationErrors())
        .containsExactly(
            Notifications.APPROVAL_NEEDED + ": " + DOWN,
            Notifications.RELEASE_SUCCEEDED + ": " + DOWN);
    // Each one was tried as often as its retry options allow, and no more.
    verify(rig.notify, times(4))
        .send(argThat(n -> n.event().equals(Notifications.APPROVAL_NEEDED)));
    verify(rig.notify, times(4))
        .send(argThat(n -> n.event().equals(Notifications.RELEASE_SUCCEEDED)));
  }

  @Test
  void aRefusedNotificationIsNotRetriedAndAFailedReleaseStillReportsIt() {
    String refused = "webhook answered HTTP 404: no_service";
    doThrow(ApplicationFailure.newNonRetryableFailure(refused, "NOTIFY_FAILED"))
        .when(rig.notify)
        .send(any());
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    release.reject(new ApprovalRequest("switch", "bob", "not today"));

    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("REJECTED");
    ReleaseProgress progress = failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.notificationErrors())
        .containsExactly(
            Notifications.APPROVAL_NEEDED + ": " + refused,
            Notifications.RELEASE_FAILED + ": " + refused);
    verify(rig.notify, times(2)).send(any());
  }
}
