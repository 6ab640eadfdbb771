package dev.baton.drill;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Names;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeRequest;
import dev.baton.testing.Histories;
import dev.baton.testing.SitesHistoryRecorder;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A drill that runs while a new baton worker is deployed must keep replaying: the committed history
 * of a drill with a replicated database (switchover, bake, switchover back, reseeds) replays on
 * today's implementation, and a change in the order of its side effects is caught.
 */
class DrillReplayTest {

  @Test
  void aRecordedDrillReplaysOnTheCurrentImplementation() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(), DrillWorkflowImpl.class);
  }

  @Test
  void probingTheStandbyBeforeThePlanIsDetected() {
    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecution(history(), ValidateFirstDrill.class))
        // The replayer reports it as a query failure whose text carries the exception.
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("Probe.Probe");
  }

  private static WorkflowExecutionHistory history() throws IOException {
    return Histories.read(SitesHistoryRecorder.DRILL_REPLICATED, Names.drillWorkflowId("shop"));
  }

  /** A deliberately incompatible change: it probes the standby before its rules and plan. */
  public static class ValidateFirstDrill extends DrillWorkflowImpl {
    private final DrillRequest request;

    @WorkflowInit
    public ValidateFirstDrill(DrillRequest request) {
      super(request);
      this.request = request;
    }

    @Override
    public DrillReport run(DrillRequest ignored) {
      Workflow.newActivityStub(
              ProbeActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
          .probe(new ProbeRequest(request.project(), "secondary"));
      return super.run(ignored);
    }
  }
}
