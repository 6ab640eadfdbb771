package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.replicatedPolicy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.FailureKind;
import dev.baton.database.ReplicationStatus;
import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A dependency that does not answer for a while (an engine restarting, a database restarting, a
 * replica reconnecting) is waited out within release.outageWait (3 min by default), the step
 * showing what it waits for and since when; one that stays away fails the step after that.
 */
class ReleaseOutageWaitTest extends ReleaseTestBase {
  private static final String ENGINE_DOWN = ReleaseTransientFaultTest.ENGINE_DOWN;

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "restarting for a while (mid-deploy)",
      outcome =
          "the deploy waits for it, the step showing what it waits for since when; then it goes on")
  void anEngineRestartingMidDeployIsWaitedOutAndTheStepSaysWhatItWaitsFor() {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<String> shown = new AtomicReference<>();
    doAnswer(
            call -> {
              // Each round is three attempts (the activity's own retries); four rounds down.
              if (calls.incrementAndGet() <= 12) {
                throw ApplicationFailure.newFailure(
                    ENGINE_DOWN, FailureKind.ENGINE_UNAVAILABLE.type());
              }
              shown.set(
                  rig.running().progress().steps().get(Step.DEPLOY_STANDBY.ordinal()).message());
              return ReleaseTestRig.deployed(call.getArgument(0));
            })
        .when(rig.secondary)
        .deploy(any());

    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(shown.get())
        .matches(
            "deploying v2 to secondary; waiting since \\S+Z \\([0-9]+ s of 180 s\\): "
                + java.util.regex.Pattern.quote(ENGINE_DOWN));
  }

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "stays down",
      outcome =
          "waited for within release.outageWait, then DEPLOY_FAILED naming the site, the engine and the wait; traffic untouched")
  void anEngineThatStaysDownFailsTheDeployAfterTheOutageWait() {
    doThrow(ApplicationFailure.newFailure(ENGINE_DOWN, FailureKind.ENGINE_UNAVAILABLE.type()))
        .when(rig.secondary)
        .deploy(any());

    rig.start(request(policy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("DEPLOY_FAILED");
    assertThat(failure.getOriginalMessage())
        .matches(
            "deploy-standby: "
                + java.util.regex.Pattern.quote(ENGINE_DOWN)
                + " \\(waited 18[0-9] s for it, release.outageWait\\); traffic untouched on primary");
    // Rounds of three attempts every 1, 2, 4, 8, then 10 s: many more than one round's three.
    verify(rig.secondary, atLeast(30)).deploy(any());
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  @Fault(
      dependency = "database",
      fault = "restarting during the replication gate (down, then not streaming yet)",
      outcome = "the gate waits for it within release.outageWait; the release goes on")
  void aDatabaseRestartingDuringTheGateIsWaitedOut() {
    ApplicationFailure down =
        ApplicationFailure.newFailure(
            "site secondary's database does not answer at jdbc:postgresql://127.0.0.1:5533/app",
            FailureKind.DATABASE_UNAVAILABLE.type());
    when(rig.database.replicationStatus(any()))
        .thenThrow(down, down, down)
        .thenReturn(new ReplicationStatus(false, 0, 0, "not streaming (startup)"))
        .thenReturn(new ReplicationStatus(true, 0, 12, "streaming, lag 0 B / 12 ms"));
    when(rig.database.fence(any()))
        .thenReturn(new dev.baton.database.FenceResult("0/3000148", 2, false));
    when(rig.database.awaitReplay(any()))
        .thenReturn(new dev.baton.database.ReplayResult(8, "0/3000148"));
    when(rig.database.promote(any()))
        .thenReturn(new dev.baton.database.PromoteResult(true, 90, "promoted"));
    when(rig.primaryDatabase.reseed(any()))
        .thenReturn(
            new dev.baton.database.ReseedResult(2500, 100, "primary streams from secondary"));

    rig.start(request(replicatedPolicy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    verify(rig.secondary).deploy(any());
  }
}
