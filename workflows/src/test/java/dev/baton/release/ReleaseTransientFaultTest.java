package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.FailureKind;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults the activities report as retryable (an engine restarting, a router reload that timed out,
 * a database restarting): the release retries them within its retry policy (3 attempts) and goes
 * on. An engine or database that stays away longer: {@link ReleaseOutageWaitTest}.
 */
class ReleaseTransientFaultTest extends ReleaseTestBase {
  static final String ENGINE_DOWN =
      "secondary: the Docker engine at unix:///run/baton/secondary/docker.sock does not answer"
          + " (Connection refused); is dockerd running there?";

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "restarting (one failed attempt)",
      outcome = "deploy retried; the release goes on and succeeds")
  void anEngineThatFailsOnceIsRetriedAndTheReleaseSucceeds() {
    // doThrow, not when(): calling the mock to stub it would run the rig's answer with null.
    doThrow(retryable(ENGINE_DOWN, FailureKind.DEPLOY_FAILED))
        .doAnswer(call -> ReleaseTestRig.deployed(call.getArgument(0)))
        .when(rig.secondary)
        .deploy(any());

    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    verify(rig.secondary, times(2)).deploy(any());
    assertThat(result.progress().activeSite()).isEqualTo("secondary");
  }

  @Test
  @Fault(
      dependency = "nginx",
      fault = "switch fails once (reload timed out)",
      outcome = "switch retried; traffic moves once, to the healthy new site")
  void aSwitchThatFailsOnceIsRetriedAndTrafficMovesOnce() {
    SwitchRequest forward = new SwitchRequest("shop", "primary", "secondary");
    when(rig.router.switchTo(forward))
        .thenThrow(retryable("router nginx: nginx -s reload timed out", FailureKind.SWITCH_FAILED))
        .thenReturn(new SwitchResult("secondary", 42, "ok"));

    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    verify(rig.router, times(2)).switchTo(forward);
    verify(rig.router, never()).switchTo(new SwitchRequest("shop", "secondary", "primary"));
  }

  private static ApplicationFailure retryable(String message, FailureKind kind) {
    return ApplicationFailure.newFailure(message, kind.type());
  }
}
