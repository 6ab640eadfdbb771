package dev.baton.release;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Names;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Running releases must keep replaying after a deploy of new baton code: the committed history of a
 * full release replays on today's implementation, and a change in the order of side effects is
 * caught.
 */
class ReleaseReplayTest {

  /**
   * Recorded before and after the queue-worker handover ran beside the router switch, with a
   * weighted shift, and once the control worker's rules were read at plan (the three before that
   * carried their rules in the input, and must still replay with them), with smoke tests, and with
   * images published to a registry, and one with a migration.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        ReleaseHistoryRecorder.HAPPY_PATH,
        ReleaseHistoryRecorder.PARALLEL,
        ReleaseHistoryRecorder.WEIGHTED,
        ReleaseHistoryRecorder.CONTROL_PLANE_RULES,
        ReleaseHistoryRecorder.SMOKE_TESTS,
        ReleaseHistoryRecorder.REGISTRY_IMAGES,
        ReleaseHistoryRecorder.MIGRATION
      })
  void aRecordedReleaseReplaysOnTheCurrentImplementation(String resource) throws Exception {
    // Under baton's id: a release refuses to run as any other (a history read without its id
    // would replay under a placeholder one).
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(history(resource), Names.releaseWorkflowId("shop")),
        ReleaseWorkflowImpl.class);
  }

  @Test
  void changingTheOrderOfStepsIsDetected() {
    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecution(history(), ValidateFirstRelease.class))
        // The replayer reports it as a query failure whose text carries the exception.
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("Probe.Probe");
  }

  private static String history() throws IOException {
    return history(ReleaseHistoryRecorder.HAPPY_PATH);
  }

  private static String history(String resource) throws IOException {
    try (InputStream in = ReleaseReplayTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A deliberately incompatible change: it probes the standby before asking the router. */
  public static class ValidateFirstRelease extends ReleaseWorkflowImpl {
    private final ReleaseActivities activities;
    private final ReleaseRequest request;

    @io.temporal.workflow.WorkflowInit
    public ValidateFirstRelease(ReleaseRequest request) {
      super(request);
      this.request = request;
      this.activities = new ReleaseActivities(request);
    }

    @Override
    public ReleaseResult run(ReleaseRequest ignored) {
      activities.probe.probe(new dev.baton.probe.ProbeRequest(request.project(), "secondary"));
      return super.run(ignored);
    }
  }
}
