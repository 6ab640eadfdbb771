package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.Names;
import dev.baton.database.ReplicationStatus;
import dev.baton.operation.RunningRequest;
import dev.baton.probe.ProbeRequest;
import dev.baton.router.RouterRequest;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import dev.baton.site.DeployRequest;
import dev.baton.site.Role;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

class ReleaseWorkflowTest extends ReleaseTestBase {
  @Test
  void happyPathRunsEveryStepInOrderOnTheRightQueues() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    ReleaseProgress waiting = awaitWaitingFor(release, "switch");
    assertThat(waiting.currentStep()).isEqualTo(Step.APPROVE);
    assertThat(waiting.step(Step.APPROVE).state()).isEqualTo(StepState.WAITING);
    assertThat(waiting.step(Step.SWITCH).state()).isEqualTo(StepState.PENDING);

    ApprovalRecord record = release.approve(new ApprovalRequest("switch", "alice", "ship it"));
    assertThat(record.accepted()).isTrue();
    ReleaseResult result = rig.stub().run(null);

    InOrder order = inOrder(rig.router, rig.primary, rig.secondary, rig.probe, rig.notify);
    order.verify(rig.router).currentTarget(new RouterRequest("shop"));
    order.verify(rig.secondary).deploy(new DeployRequest("shop", "secondary", "v2", Role.STANDBY));
    order.verify(rig.probe).probe(new ProbeRequest("shop", "secondary"));
    order.verify(rig.notify).send(Mockito.argThat(n -> n.event().equals("approval-needed")));
    // The old site's queue workers stop while traffic moves (in parallel); both end before the
    // new site's workers start.
    InOrder stopThenStart = inOrder(rig.primary, rig.secondary);
    stopThenStart
        .verify(rig.primary)
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "primary", false));
    stopThenStart
        .verify(rig.secondary)
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "secondary", true));
    order.verify(rig.router).switchTo(new SwitchRequest("shop", "primary", "secondary"));
    order
        .verify(rig.secondary)
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "secondary", true));
    order.verify(rig.probe, atLeast(2)).probe(new ProbeRequest("shop", "secondary"));
    order.verify(rig.primary).deploy(new DeployRequest("shop", "primary", "v2", Role.STANDBY));
    order.verify(rig.notify).send(Mockito.argThat(n -> n.event().equals("release-succeeded")));
    verify(rig.primary, never())
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "primary", true));

    ReleaseProgress done = result.progress();
    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(done.activeSite()).isEqualTo("secondary");
    assertThat(done.standbySite()).isEqualTo("primary");
    // No smoke tests or migration are configured here: ReleaseSmokeTest and ReleaseMigrateTest
    // run them.
    assertThat(done.steps())
        .filteredOn(
            s -> s.step() != Step.SMOKE && s.step() != Step.PUBLISH && s.step() != Step.MIGRATE)
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED))
        .allSatisfy(s -> assertThat(s.endedAt()).isAfterOrEqualTo(s.startedAt()));
    assertThat(done.step(Step.APPROVE).message()).isEqualTo("approved by alice: ship it");
    assertThat(done.step(Step.SWITCH).message())
        .isEqualTo("traffic on secondary (switched in 42 ms)");
    assertThat(done.approvals()).extracting(ApprovalRecord::approver).containsExactly("alice");
  }

  @Test
  void withoutApprovalStepsTheApproveStepIsSkipped() {
    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);
    assertThat(result.progress().step(Step.APPROVE).state()).isEqualTo(StepState.SKIPPED);
    verify(rig.router).switchTo(new SwitchRequest("shop", "primary", "secondary"));
  }

  @Test
  void routerPointingAtAnUnknownSiteFailsThePlanWithoutTouchingAnything() {
    Mockito.when(rig.router.currentTarget(any())).thenReturn("dc9");
    rig.start(request(policy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getType()).isEqualTo("BAD_CONFIG");
    assertThat(failure.getOriginalMessage())
        .contains("the router points at 'dc9', which is not a site of this project");
    verify(rig.secondary, never()).deploy(any());
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  void aReleaseStartedWhileADrillRunsIsRefusedBeforeItTouchesAnything() {
    // The CLI refuses too; this is a release started through the API or the Web UI.
    Mockito.when(rig.operations.running(any())).thenReturn("drill (phase switch)");
    rig.start(request(policy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getType()).isEqualTo("BUSY");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("plan: not now: drill (phase switch); traffic untouched");
    verify(rig.operations)
        .running(
            new RunningRequest(
                "shop", Names.releaseWorkflowId("shop"), List.of("primary", "secondary")));
    verify(rig.router, never()).currentTarget(any());
    verify(rig.secondary, never()).deploy(any());
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  void replicatedDatabaseGatesTheSwitchOnReplicationLag() {
    ReleasePolicy lenient = policy(List.of());
    ReleasePolicy replicated =
        new ReleasePolicy(
            lenient.approvalSteps(),
            lenient.approvers(),
            lenient.fourEyes(),
            lenient.approvalTimeout(),
            lenient.onApprovalTimeout(),
            lenient.bake(),
            lenient.probeInterval(),
            lenient.deployTimeout(),
            lenient.activeOnlyServices(),
            true,
            1024,
            lenient.maxLag(),
            lenient.shift(),
            lenient.shiftPause(),
            false,
            null,
            false,
            null,
            List.of(),
            null,
            null);
    // Fine before the deploy, lagging by the time the standby is validated.
    Mockito.when(rig.database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 0, 10, "streaming, lag 0 B"))
        .thenReturn(new ReplicationStatus(true, 4096, 10, "streaming, lag 4096 B"));
    rig.start(request(replicated));
    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getType()).isEqualTo("REPLICATION_UNHEALTHY");
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "validate: secondary's database is not ready to take over: streaming, lag 4096 B")
        .endsWith("traffic untouched on primary");
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  void aSecondReleaseOfTheSameProjectIsRefused() {
    ReleaseWorkflow first = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(first, "switch");
    ReleaseWorkflow second = rig.stub();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> io.temporal.client.WorkflowClient.start(second::run, request(policy(List.of()))))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
  }

  static ApplicationFailure failureOf(ReleaseWorkflow release) {
    try {
      release.run(null);
    } catch (WorkflowFailedException e) {
      assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
      return (ApplicationFailure) e.getCause();
    }
    throw new AssertionError("the release was expected to fail");
  }
}
