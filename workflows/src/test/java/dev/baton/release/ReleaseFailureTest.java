package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitNoActivityInFlight;
import static dev.baton.release.ReleaseTestRig.awaitProgress;
import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.healthy;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseTestRig.unhealthy;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.probe.ProbeRequest;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import dev.baton.testing.Fault;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failure at each step, and a cancel before and after the switch: where does traffic end? */
class ReleaseFailureTest extends ReleaseTestBase {
  private static final SwitchRequest FORWARD = new SwitchRequest("shop", "primary", "secondary");
  private static final SwitchRequest BACK = new SwitchRequest("shop", "secondary", "primary");

  @Test
  void aFailedPlanTouchesNothing() {
    when(rig.router.currentTarget(any())).thenThrow(permanent("nginx upstream file unreadable"));
    ApplicationFailure failure = run();
    assertThat(failure.getType()).isEqualTo("PLAN_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("plan: nginx upstream file unreadable; traffic untouched");
    verify(rig.secondary, never()).deploy(any());
  }

  @Test
  void aFailedDeployLeavesTrafficUntouched() {
    doThrow(permanent("secondary: service api never became healthy"))
        .when(rig.secondary)
        .deploy(any());
    ApplicationFailure failure = run();
    assertThat(failure.getType()).isEqualTo("DEPLOY_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "deploy-standby: secondary: service api never became healthy;"
                + " traffic untouched on primary");
    verify(rig.router, never()).switchTo(any());
    ReleaseProgress progress = (ReleaseProgress) failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.step(Step.DEPLOY_STANDBY).state()).isEqualTo(StepState.FAILED);
    assertThat(progress.outcome()).isEqualTo("DEPLOY_FAILED");
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "standby unhealthy after the deploy",
      outcome = "VALIDATION_FAILED naming the site and app; traffic untouched")
  void anUnhealthyStandbyFailsValidationWithoutSwitching() {
    when(rig.probe.probe(any())).thenReturn(unhealthy("secondary"));
    ApplicationFailure failure = run();
    assertThat(failure.getType()).isEqualTo("VALIDATION_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "validate: secondary is not healthy: api: HTTP 500; traffic untouched on primary");
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  @Fault(
      dependency = "nginx",
      fault = "switch fails for good",
      outcome = "SWITCH_FAILED; traffic moved back to the old active site")
  void aFailedSwitchMovesTrafficBack() {
    when(rig.router.switchTo(FORWARD)).thenThrow(permanent("nginx -t failed"));
    ApplicationFailure failure = run();
    assertThat(failure.getType()).isEqualTo("SWITCH_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("switch: nginx -t failed; traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
    // Queue workers were stopped on primary before the switch and run there again afterwards.
    verify(rig.primary).setActiveOnlyServices(new ActiveOnlyRequest("shop", "primary", true));
    ReleaseProgress progress = (ReleaseProgress) failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.activeSite()).isEqualTo("primary");
    assertThat(progress.step(Step.SWITCH).state()).isEqualTo(StepState.COMPENSATED);
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "new active site fails a probe while baking",
      outcome = "BAKE_FAILED; traffic moved back to the healthy site")
  void aFailedBakeMovesTrafficBack() {
    when(rig.probe.probe(new ProbeRequest("shop", "secondary")))
        .thenReturn(healthy(), healthy(), unhealthy("secondary"));
    ApplicationFailure failure = run();
    assertThat(failure.getType()).isEqualTo("BAKE_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "bake: secondary failed a probe while baking: api: HTTP 500;"
                + " traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
    verify(rig.primary, never()).deploy(any());
  }

  @Test
  void aFailedRollbackSaysSoLoudly() {
    when(rig.probe.probe(new ProbeRequest("shop", "secondary")))
        .thenReturn(healthy(), unhealthy("secondary"));
    when(rig.router.switchTo(BACK)).thenThrow(permanent("nginx is not running"));
    ApplicationFailure failure = run();
    assertThat(failure.getOriginalMessage())
        .endsWith(
            "traffic could NOT be moved back to primary (nginx is not running); check the router");
  }

  @Test
  void aFailedBackfillKeepsTrafficOnTheBakedSite() {
    doThrow(permanent("primary: docker engine unreachable")).when(rig.primary).deploy(any());
    ApplicationFailure failure = run();
    assertThat(failure.getType()).isEqualTo("BACKFILL_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("backfill: primary: docker engine unreachable; traffic stays on secondary");
    verify(rig.router, never()).switchTo(BACK);
  }

  @Test
  void cancelWhileWaitingForApprovalTouchesNothing() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    awaitNoActivityInFlight(release); // the approval-needed notification went out
    WorkflowStub.fromTyped(release).cancel();
    awaitProgress(release, p -> p.outcome() != null);
    assertThat(awaitClosed(release)).isEqualTo(WORKFLOW_EXECUTION_STATUS_CANCELED);
    verify(rig.router, never()).switchTo(any());
    // A cancelled release is read by query: Temporal keeps no details for a cancellation.
    assertThat(release.progress().message())
        .isEqualTo("approve: cancelled; traffic untouched on primary");
  }

  @Test
  void cancelWhileBakingMovesTrafficBack() {
    ReleaseWorkflow release = rig.start(request(policy(List.of())));
    // Cancel while the bake sleeps between probes.
    awaitProgress(
        release,
        p -> p.currentStep() == Step.BAKE && p.step(Step.BAKE).message().contains("passed"));
    awaitNoActivityInFlight(release);
    WorkflowStub.fromTyped(release).cancel();
    awaitProgress(release, p -> p.outcome() != null);
    assertThat(awaitClosed(release)).isEqualTo(WORKFLOW_EXECUTION_STATUS_CANCELED);
    verify(rig.router).switchTo(BACK);
    ReleaseProgress progress = release.progress();
    assertThat(progress.outcome()).isEqualTo("CANCELLED");
    assertThat(progress.activeSite()).isEqualTo("primary");
    assertThat(progress.step(Step.BAKE).state()).isEqualTo(StepState.CANCELLED);
  }

  /** The status the release closed with, polled through describe. */
  private static WorkflowExecutionStatus awaitClosed(ReleaseWorkflow release) {
    WorkflowStub stub = WorkflowStub.fromTyped(release);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    WorkflowExecutionStatus status = stub.describe().getStatus();
    while (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      status = stub.describe().getStatus();
    }
    return status;
  }

  private ApplicationFailure run() {
    rig.start(request(policy(List.of())));
    return failureOf(rig.stub());
  }

  private static ApplicationFailure permanent(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "TEST");
  }
}
