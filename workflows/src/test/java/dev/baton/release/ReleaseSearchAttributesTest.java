package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseTestRig.searchAttributesPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BatonProject, BatonVersion and BatonStep, set only when the policy says they exist. */
class ReleaseSearchAttributesTest extends ReleaseTestBase {

  @BeforeEach
  void registerAttributes() {
    for (String name : List.of("BatonProject", "BatonVersion", "BatonStep")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }

  private static SearchAttributes attributesOf(ReleaseWorkflow release) {
    return WorkflowStub.fromTyped(release).describe().getTypedSearchAttributes();
  }

  @Test
  void theStepIsSetAsItChangesAndEndsAsDone() throws Exception {
    ReleaseWorkflow release = rig.start(request(searchAttributesPolicy(List.of("switch"), true)));
    awaitWaitingFor(release, "switch");

    SearchAttributes waiting = attributesOf(release);
    assertThat(waiting.get(ReleaseSearchAttributes.PROJECT)).isEqualTo("shop");
    assertThat(waiting.get(ReleaseSearchAttributes.VERSION)).isEqualTo("v2");
    assertThat(waiting.get(ReleaseSearchAttributes.STEP)).isEqualTo("approve");

    release.approve(new ApprovalRequest("switch", "alice", ""));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
    assertThat(attributesOf(release).get(ReleaseSearchAttributes.STEP)).isEqualTo("done");
    // The new path replays too (the version marker and the upserts match the code).
    WorkflowReplayer.replayWorkflowExecution(
        env.getWorkflowClient().fetchHistory(dev.baton.Names.releaseWorkflowId("shop")),
        ReleaseWorkflowImpl.class);
  }

  @Test
  void withTheVersionAttributeOffOnlyProjectAndStepAreSet() {
    ReleasePolicy on = searchAttributesPolicy(List.of("switch"), true);
    ReleasePolicy withoutVersion =
        new ReleasePolicy(
            on.approvalSteps(),
            on.approvers(),
            on.fourEyes(),
            on.approvalTimeout(),
            on.onApprovalTimeout(),
            on.bake(),
            on.probeInterval(),
            on.deployTimeout(),
            on.activeOnlyServices(),
            on.replicatedDatabase(),
            on.maxLagBytes(),
            on.maxLag(),
            on.shift(),
            on.shiftPause(),
            true,
            on.outageWait(),
            true,
            null,
            List.of(),
            null,
            null);
    ReleaseWorkflow release = rig.start(request(withoutVersion));
    awaitWaitingFor(release, "switch");

    SearchAttributes waiting = attributesOf(release);
    assertThat(waiting.get(ReleaseSearchAttributes.PROJECT)).isEqualTo("shop");
    assertThat(waiting.get(ReleaseSearchAttributes.STEP)).isEqualTo("approve");
    assertThat(waiting.containsKey(ReleaseSearchAttributes.VERSION)).isFalse();
    release.approve(new ApprovalRequest("switch", "alice", ""));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
    assertThat(attributesOf(release).containsKey(ReleaseSearchAttributes.VERSION)).isFalse();
  }

  @Test
  void withoutThePolicyFlagNothingIsSet() {
    ReleaseWorkflow release = rig.start(request(searchAttributesPolicy(List.of("switch"), false)));
    awaitWaitingFor(release, "switch");
    release.approve(new ApprovalRequest("switch", "alice", ""));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");

    assertThat(attributesOf(release).size()).isZero();
  }
}
