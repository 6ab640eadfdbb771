package dev.baton.release;

import static dev.baton.release.ReleaseApprovalTest.refusal;
import static dev.baton.release.ReleaseTestRig.awaitProgress;
import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseTestRig.unhealthy;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.probe.ProbeRequest;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `baton release rollback`: instant while the former active site still runs the old version. */
class ReleaseRollbackTest extends ReleaseTestBase {
  private static final SwitchRequest BACK = new SwitchRequest("shop", "secondary", "primary");

  @Test
  void aRollbackWhileBakingMovesTrafficBackAndEndsTheRelease() {
    ReleaseWorkflow release = rig.start(request(policy(List.of())));
    ReleaseProgress baking =
        awaitProgress(
            release,
            p -> p.currentStep() == Step.BAKE && p.step(Step.BAKE).message().contains("passed"));
    assertThat(baking.rollback()).startsWith("instant: ").contains("back to primary");

    assertThat(release.rollback(new RollbackRequest("alice", "p99 doubled")))
        .isEqualTo("moving traffic back to primary");

    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getType()).isEqualTo("ROLLED_BACK");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("bake: rolled back by alice (p99 doubled); traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
    verify(rig.primary).setActiveOnlyServices(new ActiveOnlyRequest("shop", "primary", true));
    verify(rig.primary, never()).deploy(any()); // no backfill
    ReleaseProgress progress = (ReleaseProgress) failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.activeSite()).isEqualTo("primary");
    assertThat(progress.step(Step.SWITCH).state()).isEqualTo(StepState.COMPENSATED);
    assertThat(progress.rollback()).isEqualTo("not instant: the release ended");
  }

  @Test
  void aRollbackWhileTheBackfillWaitsForApprovalStillMovesTrafficBack() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("backfill"))));
    rig.skip(Duration.ofMinutes(3)); // past the bake
    awaitWaitingFor(release, "backfill");

    release.rollback(new RollbackRequest("bob", ""));

    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getOriginalMessage())
        .isEqualTo("backfill: rolled back by bob; traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
    verify(rig.primary, never()).deploy(any());
  }

  @Test
  void anUnhealthyFormerSiteRefusesTheRollbackAndTheReleaseGoesOn() {
    when(rig.probe.probe(new ProbeRequest("shop", "primary"))).thenReturn(unhealthy("primary"));
    ReleaseWorkflow release = rig.start(request(policy(List.of("backfill"))));
    rig.skip(Duration.ofMinutes(3));
    awaitWaitingFor(release, "backfill");

    assertThat(refusal(() -> release.rollback(new RollbackRequest("alice", ""))))
        .isEqualTo("primary is not healthy, traffic stays on secondary: api: HTTP 500");

    release.approve(new ApprovalRequest("backfill", "alice", ""));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
    verify(rig.router, never()).switchTo(BACK);
  }

  @Test
  void beforeTheSwitchThereIsNothingToRollBack() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    assertThat(refusal(() -> release.rollback(new RollbackRequest("alice", ""))))
        .isEqualTo("instant rollback is not possible: traffic has not moved yet");
    assertThat(release.progress().rollback()).isNull();
  }

  @Test
  void aSecondRollbackAndAnAnonymousOneAreRefused() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("backfill"))));
    rig.skip(Duration.ofMinutes(3)); // past the bake
    awaitWaitingFor(release, "backfill");
    assertThat(refusal(() -> release.rollback(new RollbackRequest(" ", ""))))
        .isEqualTo("say who rolls back");
    release.rollback(new RollbackRequest("alice", ""));
    String second = refusal(() -> release.rollback(new RollbackRequest("bob", "")));
    // Depending on timing the first rollback is still running or the release has ended.
    assertThat(second).containsAnyOf("already asked for by alice", "the release ended");
  }

  @Test
  void afterASuccessfulReleaseRollbackIsNoLongerInstant() {
    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);
    assertThat(result.progress().rollback())
        .isEqualTo("not instant: the backfill of primary with v2 started");
  }
}
