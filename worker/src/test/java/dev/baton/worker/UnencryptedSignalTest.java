package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.release.ApprovalRequest;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseRequest;
import dev.baton.release.ReleaseWorkflow;
import dev.baton.testing.TestRules;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With encryption on, an approval signalled as plain JSON (what the Web UI sends without a codec
 * server, or anyone with write access to the namespace) is refused: the SDK drops it, the release
 * goes on waiting, and is not wedged by it: an encrypted approval still moves it on.
 */
class UnencryptedSignalTest {
  private MockedRelease release;

  @AfterEach
  void stop() {
    if (release != null) {
      release.close();
    }
  }

  @Test
  void aPlainApprovalSignalIsDroppedAndAnEncryptedApprovalStillCounts() {
    release =
        new MockedRelease(
            PayloadEncryption.dataConverter(
                Optional.of(PayloadKeys.parse(EncryptedFailureHistoryTest.KEYS, "test keys"))));
    release.env.start();
    ReleaseWorkflow stub = release.stub();
    WorkflowClient.start(
        stub::run,
        new ReleaseRequest(
            MockedRelease.PROJECT, "v2", "carol", TestRules.SITES, TestRules.release()));
    await(stub, p -> "switch".equals(p.waitingFor()));

    WorkflowClient plain =
        WorkflowClient.newInstance(
            release.env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder().setNamespace(release.env.getNamespace()).build());
    plain
        .newUntypedWorkflowStub(Names.releaseWorkflowId(MockedRelease.PROJECT))
        .signal("approve", Map.of("step", "switch", "approver", "alice", "comment", "plain"));
    awaitTaskCompletedAfterTheSignal();

    ReleaseProgress after = stub.progress();
    assertThat(after.waitingFor()).isEqualTo("switch");
    assertThat(after.approvals()).isEmpty();

    stub.approve(new ApprovalRequest("switch", "bob", "encrypted"));
    assertThat(stub.run(null).outcome()).isEqualTo("SUCCEEDED");
  }

  /** The workflow has handled the signal: a workflow task completed after it was recorded. */
  private void awaitTaskCompletedAfterTheSignal() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<HistoryEvent> events = release.rawHistory().getEventsList();
      long signalled =
          events.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
              .mapToLong(HistoryEvent::getEventId)
              .findFirst()
              .orElse(Long.MAX_VALUE);
      if (events.stream()
          .anyMatch(
              e ->
                  e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
                      && e.getEventId() > signalled)) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no workflow task completed after the signal within 20 s");
  }

  private static void await(ReleaseWorkflow stub, Predicate<ReleaseProgress> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ReleaseProgress progress = stub.progress();
    while (!until.test(progress) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      progress = stub.progress();
    }
    assertThat(until.test(progress)).as("progress: %s", progress).isTrue();
  }
}
