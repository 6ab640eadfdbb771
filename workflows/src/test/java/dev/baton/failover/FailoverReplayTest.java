package dev.baton.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Names;
import dev.baton.operation.OperationActivities;
import dev.baton.operation.PreemptRequest;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failover that runs while a new baton worker is deployed must keep replaying: committed
 * histories of a full failover (plan, confirm-down, check-standby, preempt, route, fence, promote,
 * start-active-only, verify) replay on today's implementation, and a change in the order of its
 * side effects is caught.
 */
class FailoverReplayTest {

  /**
   * Recorded at f1b1a21, before parallel-plan, and with parallel-plan version 1. This shows that
   * today's code replays both, not that the version is needed: with the getVersion replaced by
   * {@code true}, the older history replayed too when this test was written (the SDK matched the
   * router's command, sent a task early, to its event in the next task).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        SitesHistoryRecorder.FAILOVER_SEQUENTIAL_PLAN,
        SitesHistoryRecorder.FAILOVER_PARALLEL_PLAN
      })
  void aRecordedFailoverReplaysOnTheCurrentImplementation(String resource) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(resource), FailoverWorkflowImpl.class);
  }

  /** Otherwise the test above could replay one side of the version twice. */
  @Test
  void onlyTheNewerHistoryCarriesTheParallelPlanMarker() throws IOException {
    assertThat(Histories.changeIds(history(SitesHistoryRecorder.FAILOVER_SEQUENTIAL_PLAN)))
        .contains(FailoverWorkflowImpl.DECIDE_FIRST)
        .doesNotContain(FailoverWorkflowImpl.PARALLEL_PLAN);
    assertThat(Histories.changeIds(history(SitesHistoryRecorder.FAILOVER_PARALLEL_PLAN)))
        .contains(FailoverWorkflowImpl.PARALLEL_PLAN);
  }

  @Test
  void preemptingBeforeDecidingIsDetected() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history(SitesHistoryRecorder.FAILOVER_PARALLEL_PLAN),
                    PreemptFirstFailover.class))
        // The replayer reports it as a query failure whose text carries the exception.
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("Operation.Preempt");
  }

  private static WorkflowExecutionHistory history(String resource) throws IOException {
    return Histories.read(resource, Names.failoverWorkflowId("shop"));
  }

  /**
   * A deliberately incompatible change: it pre-empts what runs before reading the rules and
   * deciding, as failovers did before decide-before-preempt, without a version of its own.
   */
  public static class PreemptFirstFailover extends FailoverWorkflowImpl {
    private final FailoverRequest request;

    @WorkflowInit
    public PreemptFirstFailover(FailoverRequest request) {
      super(request);
      this.request = request;
    }

    @Override
    public FailoverResult run(FailoverRequest ignored) {
      Workflow.newActivityStub(
              OperationActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
          .preempt(
              new PreemptRequest(
                  request.project(),
                  Names.failoverWorkflowId(request.project()),
                  request.reason(),
                  request.siteIds()));
      return super.run(ignored);
    }
  }
}
