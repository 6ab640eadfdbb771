package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitProgress;
import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Names;
import dev.baton.testing.WebUi;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Approvals the way the Temporal Web UI sends them: a Signal or an Update named {@code approve}
 * whose argument is a JSON object, not baton's Java record.
 */
class ReleaseWebUiApprovalTest extends ReleaseTestBase {
  private static final String RELEASE = Names.releaseWorkflowId(ReleaseTestRig.PROJECT);

  @Test
  void aSignalWithTheJsonTheUiSendsApprovesTheSwitch() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");

    WebUi.signal(
        env,
        RELEASE,
        "approve",
        "{\"step\":\"switch\",\"approver\":\"alice\",\"comment\":\"from the Web UI\"}");

    ReleaseResult result = rig.stub().run(null);
    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().approvals())
        .extracting(ApprovalRecord::approver, ApprovalRecord::accepted, ApprovalRecord::via)
        .containsExactly(tuple("alice", true, "signal"));
    assertThat(result.progress().step(Step.APPROVE).message())
        .isEqualTo("approved by alice: from the Web UI");
  }

  @Test
  void unknownKeysAndAMissingCommentAreAcceptedAndARefusedSignalIsRecorded() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");

    // What people type: no comment, an extra key. Refused (carol is not an approver)...
    WebUi.signal(
        env,
        RELEASE,
        "approve",
        "{\"step\":\"switch\",\"approver\":\"carol\",\"ticket\":\"OPS-1\"}");
    awaitProgress(release, p -> p.approvals().size() == 1);
    assertThat(release.progress().waitingFor()).isEqualTo("switch");
    // ...then a rejection through the UI's other signal.
    WebUi.signal(
        env,
        RELEASE,
        "reject",
        "{\"step\":\"switch\",\"approver\":\"bob\",\"comment\":\"not today\"}");

    ReleaseProgress progress =
        awaitProgress(release, p -> p.outcome() != null && p.approvals().size() == 2);
    assertThat(progress.outcome()).isEqualTo("REJECTED");
    assertThat(progress.approvals())
        .extracting(ApprovalRecord::approver, ApprovalRecord::decision, ApprovalRecord::reason)
        .containsExactly(
            tuple("carol", "approve", "carol is not an allowed approver (allowed: alice, bob)"),
            tuple("bob", "reject", ""));
  }

  @Test
  void anUntypedSignalWithAJsonNodeGoesThroughTheDataConverter() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    ObjectNode json =
        new ObjectMapper()
            .createObjectNode()
            .put("step", "switch")
            .put("approver", "bob")
            .put("comment", "LGTM");

    WorkflowStub.fromTyped(release).signal("approve", json);

    ReleaseResult result = rig.stub().run(null);
    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().step(Step.APPROVE).message()).isEqualTo("approved by bob: LGTM");
  }

  @Test
  void anUntypedUpdateWithAMapIsValidatedAndAnswered() {
    ReleaseWorkflow release = rig.start(request(policy(List.of("switch"))));
    awaitWaitingFor(release, "switch");
    WorkflowStub untyped = WorkflowStub.fromTyped(release);

    WorkflowUpdateException notWaiting =
        catchThrowableOfType(
            WorkflowUpdateException.class,
            () ->
                untyped.update(
                    "approve",
                    ApprovalRecord.class,
                    Map.of("step", "backfill", "approver", "alice")));
    assertThat(notWaiting)
        .rootCause()
        .hasMessageContaining("step 'backfill' is not waiting for approval; 'switch' is");
    ApprovalRecord refused =
        untyped.update(
            "approve", ApprovalRecord.class, Map.of("step", "switch", "approver", "mallory"));
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.reason())
        .isEqualTo("mallory is not an allowed approver (allowed: alice, bob)");

    ApprovalRecord approved =
        untyped.update(
            "approve",
            ApprovalRecord.class,
            Map.of("step", "switch", "approver", "alice", "comment", "via Update"));
    assertThat(approved.accepted()).isTrue();
    assertThat(approved.via()).isEqualTo("update");
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
  }
}
