package dev.baton.cli.release;

import dev.baton.Names;
import dev.baton.release.ReleaseProgress;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * A release that has its outcome is still open while it sends its last notification (retried for up
 * to two minutes when the webhook is down). `release status` already says SUCCEEDED then, so a
 * `release start` right after it waits for that release to close instead of refusing it as "still
 * running".
 */
final class ReleaseClosing {
  /** The notification's whole retry budget, and some. */
  static final Duration BOUND = Duration.ofMinutes(3);

  private ReleaseClosing() {}

  /**
   * Returns true once the project's open release ({@code latest}), which has ended, has closed;
   * false at once when it has not ended (it really is running), or after {@link #BOUND}.
   */
  static boolean await(WorkflowClient client, Optional<ReleaseProgress> latest, PrintWriter err) {
    if (latest.isEmpty() || latest.get().outcome() == null) {
      return false;
    }
    err.printf(
        "release %s ended %s and is sending its last notification; starting once it has closed%n",
        latest.get().version(), latest.get().outcome());
    err.flush();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(Names.releaseWorkflowId(latest.get().project()));
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (stub.describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(200); // between reads of the workflow's status: Temporal has no push for it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
