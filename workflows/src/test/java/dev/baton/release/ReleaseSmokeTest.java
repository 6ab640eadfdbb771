package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.baton.FailureKind;
import dev.baton.notify.Notifications;
import dev.baton.probe.ProbeRequest;
import dev.baton.smoke.SmokeCheck;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** {@code release.smoke}: checks of the standby after validate, before the approval. */
class ReleaseSmokeTest extends ReleaseTestBase {
  private static final SmokeCheck E2E =
      new SmokeCheck("e2e", SmokeKind.SERVICE, "smoke", Duration.ofMinutes(2));
  private static final SmokeCheck ORDERS =
      new SmokeCheck("orders", SmokeKind.HTTP, "api", Duration.ofSeconds(5));
  private static final ReleasePolicy SMOKED =
      PolicyCopy.of(policy(List.of("switch"))).smoke(List.of(E2E, ORDERS)).build();

  private static SmokeResult passed(SmokeRequest r) {
    return new SmokeResult(
        r.check().name(),
        r.check().kind(),
        r.check().target(),
        true,
        "exit 0",
        "3 orders ok",
        1200);
  }

  @BeforeEach
  void everyCheckPasses() {
    when(rig.secondarySmoke.smoke(any())).thenAnswer(call -> passed(call.getArgument(0)));
    when(rig.smokeHttp.smoke(any())).thenAnswer(call -> passed(call.getArgument(0)));
  }

  @Test
  void smokeTestsRunOnTheStandbyAfterValidateAndTheApprovalShowsThem() {
    ReleaseWorkflow release = rig.start(request(SMOKED));
    ReleaseProgress waiting = awaitWaitingFor(release, "switch");

    InOrder order = inOrder(rig.probe, rig.secondarySmoke, rig.smokeHttp, rig.notify);
    order.verify(rig.probe).probe(new ProbeRequest("shop", "secondary"));
    // The service runs on the standby's own queue; the HTTP check on the control queue.
    order.verify(rig.secondarySmoke).smoke(new SmokeRequest("shop", "secondary", "v2", E2E));
    order.verify(rig.smokeHttp).smoke(new SmokeRequest("shop", "secondary", "v2", ORDERS));
    order
        .verify(rig.notify)
        .send(
            argThat(
                n ->
                    n.event().equals(Notifications.APPROVAL_NEEDED)
                        && n.text()
                            .contains(
                                "smoke tests:\ne2e (service smoke): passed, exit 0 in 1.2 s\n"
                                    + "    3 orders ok")));
    verifyNoInteractions(rig.primarySmoke);
    assertThat(waiting.step(Step.SMOKE).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(waiting.step(Step.SMOKE).message()).isEqualTo("2 smoke test(s) passed on secondary");
    assertThat(waiting.smoke()).extracting(SmokeResult::name).containsExactly("e2e", "orders");

    release.approve(new ApprovalRequest("switch", "alice", "smoke is green"));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
  }

  @Test
  @Fault(
      dependency = "smoke test",
      fault = "a smoke test fails on the standby (service exits non-zero, HTTP answer wrong)",
      outcome =
          "every check still runs; SMOKE_FAILED before the approval; traffic untouched; standby"
              + " left on the new version for inspection")
  void aFailedSmokeTestFailsTheReleaseBeforeTheSwitchAndLeavesTheStandbyAsItIs() {
    doReturn(new SmokeResult("e2e", SmokeKind.SERVICE, "smoke", false, "exit 3", "no orders", 900))
        .when(rig.secondarySmoke)
        .smoke(any());

    rig.start(request(SMOKED));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo(FailureKind.SMOKE_FAILED.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "smoke: secondary failed 1 of 2 smoke test(s): e2e (service smoke): FAILED, exit 3"
                + " in 0.9 s; secondary is left running v2 for inspection (release status shows"
                + " the output); traffic untouched on primary");
    // The HTTP check ran although the service failed: the operator sees everything at once.
    verify(rig.smokeHttp).smoke(any());
    verify(rig.router, never()).switchTo(any());
    verify(rig.notify, never()).send(argThat(n -> n.event().equals(Notifications.APPROVAL_NEEDED)));
    ReleaseProgress progress = failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.step(Step.SMOKE).state()).isEqualTo(StepState.FAILED);
    assertThat(progress.step(Step.APPROVE).state()).isEqualTo(StepState.PENDING);
    assertThat(progress.smoke())
        .extracting(SmokeResult::output)
        .containsExactly("no orders", "3 orders ok");
  }

  @Test
  void withoutSmokeTestsTheStepIsSkippedAndNothingRuns() {
    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().step(Step.SMOKE).state()).isEqualTo(StepState.SKIPPED);
    assertThat(result.progress().smoke()).isEmpty();
    verifyNoInteractions(rig.smokeHttp, rig.primarySmoke, rig.secondarySmoke);
  }
}
