package dev.baton.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Names;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
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
 * The monitor runs for weeks, so every deploy of baton replays it: committed histories of a monitor
 * that fails over by itself (a child FailoverWorkflow) and is then stopped replay on today's
 * implementation, and a change in the order of its side effects is caught.
 */
class MonitorReplayTest {

  /**
   * Recorded at f1b1a21, before fixed-rate-probes, and with fixed-rate-probes version 1. This shows
   * that today's code replays both, not that the version is needed: with the getVersion replaced by
   * {@code true}, both replayed too when this test was written (a timer's duration is not compared
   * on replay; only a wait that drops to zero, and with it its timer, would be).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {SitesHistoryRecorder.MONITOR_FIXED_DELAY, SitesHistoryRecorder.MONITOR_FIXED_RATE})
  void aRecordedMonitorReplaysOnTheCurrentImplementation(String resource) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(resource), MonitorWorkflowImpl.class);
  }

  /** Otherwise the test above could replay one side of the version twice. */
  @Test
  void onlyTheNewerHistoryCarriesTheFixedRateMarker() throws IOException {
    assertThat(Histories.changeIds(history(SitesHistoryRecorder.MONITOR_FIXED_DELAY)))
        .contains(MonitorWorkflowImpl.ASYNC_NOTIFY)
        .doesNotContain(MonitorWorkflowImpl.FIXED_RATE);
    assertThat(Histories.changeIds(history(SitesHistoryRecorder.MONITOR_FIXED_RATE)))
        .contains(MonitorWorkflowImpl.FIXED_RATE);
  }

  @Test
  void askingTheRouterBeforeReadingTheRulesIsDetected() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history(SitesHistoryRecorder.MONITOR_FIXED_RATE), RouterFirstMonitor.class))
        // The replayer reports it as a query failure whose text carries the exception.
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("Router.CurrentTarget");
  }

  private static WorkflowExecutionHistory history(String resource) throws IOException {
    return Histories.read(resource, Names.monitorWorkflowId("shop"));
  }

  /** A deliberately incompatible change: it asks where the router points before its rules. */
  public static class RouterFirstMonitor extends MonitorWorkflowImpl {
    private final MonitorRequest request;

    @WorkflowInit
    public RouterFirstMonitor(MonitorRequest request) {
      super(request);
      this.request = request;
    }

    @Override
    public void run(MonitorRequest ignored) {
      Workflow.newActivityStub(
              RouterActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
          .currentTarget(new RouterRequest(request.project()));
      super.run(ignored);
    }
  }
}
