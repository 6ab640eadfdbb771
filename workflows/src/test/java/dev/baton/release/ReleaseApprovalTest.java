package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitProgress;
import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.testing.Fault;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseApprovalTest extends ReleaseTestBase {
  @Test
  @Fault(
      dependency = "approval",
      fault = "by an unlisted approver",
      outcome = "refused with the allowed list and recorded; the release keeps waiting")
  void anUnlistedApproverIsRefusedAtOnceRecordedAndTheReleaseKeepsWaiting() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    assertThat(refused(release.approve(new ApprovalRequest("switch", "mallory", ""))))
        .isEqualTo("mallory is not an allowed approver (allowed: alice, bob)");
    assertThat(release.progress().waitingFor()).isEqualTo("switch");
    assertThat(release.progress().approvals())
        .extracting(ApprovalRecord::approver, ApprovalRecord::accepted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("mallory", false));
    verify(rig.router, never()).switchTo(any());

    release.approve(new ApprovalRequest("switch", "bob", null));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
  }

  @Test
  void fourEyesRefusesTheRequesterButLetsThemReject() {
    ReleasePolicy anyone =
        policy(List.of("switch"), List.of(), Duration.ofHours(1), TimeoutOutcome.REJECT);
    ReleaseWorkflow release = rig.start(request(anyone));
    awaitWaitingFor(release, "switch");
    assertThat(refused(release.approve(new ApprovalRequest("switch", "carol", "mine"))))
        .isEqualTo("four-eyes rule: carol requested this release and cannot approve it");

    ApprovalRecord rejected = release.reject(new ApprovalRequest("switch", "carol", "oops"));
    assertThat(rejected.accepted()).isTrue();
    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getType()).isEqualTo("REJECTED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("approve: switch rejected by carol: oops; traffic untouched on primary");
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  @Fault(
      dependency = "approval",
      fault = "for the wrong step",
      outcome = "refused: the step is not waiting")
  void approvingAStepThatIsNotWaitingIsRefused() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch", "backfill"))));
    awaitWaitingFor(release, "switch");
    assertThat(refusal(() -> release.approve(new ApprovalRequest("backfill", "alice", ""))))
        .isEqualTo("step 'backfill' is not waiting for approval; 'switch' is");
    assertThat(refusal(() -> release.approve(new ApprovalRequest("", "alice", ""))))
        .isEqualTo("say which step you approve ('switch' is waiting)");
    assertThat(refused(release.approve(new ApprovalRequest("switch", " ", ""))))
        .isEqualTo("an approver name is required");

    release.approve(new ApprovalRequest("switch", "alice", ""));
    rig.skip(Duration.ofMinutes(3)); // past the bake
    ReleaseProgress atBackfill = awaitWaitingFor(release, "backfill");
    assertThat(atBackfill.currentStep()).isEqualTo(Step.BACKFILL);
    assertThat(atBackfill.activeSite()).isEqualTo("secondary");
    verify(rig.primary, never()).deploy(any());
    release.approve(new ApprovalRequest("backfill", "bob", "both sites on v2"));
    ReleaseProgress done = rig.stub().run(null).progress();
    assertThat(done.approvals().stream().filter(ApprovalRecord::accepted))
        .extracting(ApprovalRecord::step, ApprovalRecord::approver)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("switch", "alice"),
            org.assertj.core.groups.Tuple.tuple("backfill", "bob"));
  }

  @Test
  void webUiSignalsAreCheckedTheSameWayAndRefusedOnesAreRecorded() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    // The Web UI sends an untyped signal whose payload is a JSON object.
    WorkflowStub untyped = WorkflowStub.fromTyped(release);
    untyped.signal("approve", Map.of("step", "switch", "approver", "mallory"));
    untyped.signal("approve", Map.of("step", "switch", "approver", "alice", "comment", "via UI"));
    ReleaseResult result = rig.stub().run(null);
    assertThat(result.progress().approvals())
        .extracting(
            ApprovalRecord::approver,
            ApprovalRecord::accepted,
            ApprovalRecord::reason,
            ApprovalRecord::via)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "mallory",
                false,
                "mallory is not an allowed approver (allowed: alice, bob)",
                "signal"),
            org.assertj.core.groups.Tuple.tuple("alice", true, "", "signal"));
    assertThat(result.progress().step(Step.APPROVE).message())
        .isEqualTo("approved by alice: via UI");
  }

  @Test
  void anApprovalTimeoutRejectsByDefault() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    ApplicationFailure failure = failureOf(rig.stub()); // blocking: time skips past the timeout
    assertThat(failure.getType()).isEqualTo("APPROVAL_TIMEOUT");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "approve: switch rejected by the timeout policy: no decision within 1h;"
                + " traffic untouched on primary");
    assertThat(release.progress().step(Step.APPROVE).state()).isEqualTo(StepState.FAILED);
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  void anApprovalTimeoutCanApproveWhenThePolicySaysSo() {
    ReleasePolicy approveOnTimeout =
        policy(
            List.of("switch"),
            List.of("alice", "bob"),
            Duration.ofMinutes(5),
            TimeoutOutcome.APPROVE);
    ReleaseWorkflow release = rig.start(request(approveOnTimeout));
    ReleaseResult result = rig.stub().run(null);
    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().step(Step.APPROVE).message())
        .isEqualTo("approved by the timeout policy: no decision within 5m");
    assertThat(awaitProgress(release, p -> p.outcome() != null).activeSite())
        .isEqualTo("secondary");
  }

  @Test
  @Fault(
      dependency = "approval",
      fault = "twice",
      outcome = "the second is refused; nothing changes")
  void approvalsAfterTheDecisionAreRefused() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    release.approve(new ApprovalRequest("switch", "alice", ""));
    assertThat(refusal(() -> release.approve(new ApprovalRequest("switch", "bob", ""))))
        .startsWith("step 'switch' is not waiting for approval");
  }

  /** The reason an Update validator gave, as the CLI receives it. */
  /** The reason of a decision the release recorded as refused. */
  static String refused(ApprovalRecord record) {
    assertThat(record.accepted()).as("refused: %s", record).isFalse();
    return record.reason();
  }

  /** The reason of a decision the Update validator refused before it reached the history. */
  static String refusal(Runnable update) {
    Throwable thrown = catchThrowable(update::run);
    assertThat(thrown).isInstanceOf(WorkflowUpdateException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return ((ApplicationFailure) thrown.getCause()).getOriginalMessage();
  }
}
