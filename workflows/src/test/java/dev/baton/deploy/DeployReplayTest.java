package dev.baton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.Names;
import dev.baton.operation.OperationActivities;
import dev.baton.operation.RunningRequest;
import dev.baton.site.DeployResult;
import dev.baton.testing.Histories;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deploy that runs while a new baton worker is deployed must keep replaying: the committed
 * histories of a deploy (sites building their own images, and in registry mode) replay on today's
 * implementation, and a change in the order of its side effects is caught.
 */
class DeployReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {DeployHistoryRecorder.SITE_BUILD, DeployHistoryRecorder.REGISTRY_DIGESTS})
  void aRecordedDeployReplaysOnTheCurrentImplementation(String resource) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(resource), DeployWorkflowImpl.class);
  }

  /** Otherwise the test above could replay one side of RegistryDeploy's version twice. */
  @Test
  void onlyTheRegistryHistoryTakesTheVersionedPath() throws Exception {
    assertThat(Histories.changeIds(history(DeployHistoryRecorder.SITE_BUILD)))
        .doesNotContain(RegistryDeploy.CHANGE_ID);
    assertThat(Histories.changeIds(history(DeployHistoryRecorder.REGISTRY_DIGESTS)))
        .contains(RegistryDeploy.CHANGE_ID);
  }

  @Test
  void checkingForABusyProjectBeforeTheRulesIsDetected() throws IOException {
    WorkflowExecutionHistory siteBuild = history(DeployHistoryRecorder.SITE_BUILD);

    Throwable refused =
        catchThrowable(
            () -> WorkflowReplayer.replayWorkflowExecution(siteBuild, BusyCheckFirstDeploy.class));

    // The replayer reports it as a query failure whose text carries the exception.
    assertThat(refused)
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("Operation.Running");
  }

  private static WorkflowExecutionHistory history(String resource) throws IOException {
    return Histories.read(resource, Names.deployWorkflowId("shop", "primary"));
  }

  /**
   * A deliberately incompatible change: it asks what else runs before reading the rules (today it
   * asks only once it knows the site is one of the project's).
   */
  public static class BusyCheckFirstDeploy extends DeployWorkflowImpl {
    @Override
    public DeployResult run(SiteDeployRequest request) {
      OperationActivities operations =
          Workflow.newActivityStub(
              OperationActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
      operations.running(new RunningRequest(request.project(), Workflow.getInfo().getWorkflowId()));
      return super.run(request);
    }
  }
}
