package dev.baton.cli.release;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.ExitCodes;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseResult;
import dev.baton.release.ReleaseWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** Finds a project's release, running or ended, and reads its progress. */
final class Releases {
  private Releases() {}

  static ReleaseWorkflow stub(WorkflowClient client, String project) {
    return client.newWorkflowStub(ReleaseWorkflow.class, Names.releaseWorkflowId(project));
  }

  /**
   * The latest release of the project. A running one answers the progress query; an ended one is
   * read from its result or failure (both carry the final progress) without a worker.
   */
  static Optional<ReleaseProgress> latest(WorkflowClient client, String project) {
    WorkflowStub stub = client.newUntypedWorkflowStub(Names.releaseWorkflowId(project));
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getStatus();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return Optional.of(stub.getResult(ReleaseResult.class).progress());
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
      try {
        stub.getResult(ReleaseResult.class);
      } catch (WorkflowFailedException e) {
        ReleaseProgress progress = progressOf(e.getCause());
        if (progress != null) {
          return Optional.of(progress);
        }
      }
    }
    // Running, cancelled (Temporal keeps no details for a cancellation) or terminated: ask the
    // workflow itself; a control worker answers even for an ended one.
    ReleaseProgress progress = stub.query("progress", ReleaseProgress.class);
    if (progress.outcome() == null
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      // Terminated by hand or timed out: the workflow never got to say how it ended.
      return Optional.of(ended(progress, status));
    }
    return Optional.of(progress);
  }

  private static ReleaseProgress ended(ReleaseProgress p, WorkflowExecutionStatus status) {
    String outcome = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    return new ReleaseProgress(
        p.project(),
        p.version(),
        p.requestedBy(),
        p.activeSite(),
        p.standbySite(),
        p.currentStep(),
        null,
        p.steps(),
        p.approvals(),
        outcome,
        "the release workflow ended as "
            + outcome
            + " before its steps did (pre-empted by a failover, or by hand);"
            + " `baton sites` shows where traffic is",
        p.rollback(),
        p.traffic(),
        p.notificationErrors(),
        p.rules(),
        p.signedDecisions(),
        p.smoke(),
        p.images(),
        p.migration());
  }

  /** The running release of the project; refused (exit 3) with {@code whenNone} otherwise. */
  static ReleaseProgress running(WorkflowClient client, String project, String whenNone) {
    return latest(client, project)
        .filter(p -> p.outcome() == null)
        .orElseThrow(
            () ->
                new BatonCliException(
                    ExitCodes.REFUSED, "no release of " + project + " is running; " + whenNone));
  }

  /** The progress an ended release attached to its failure or cancellation, if any. */
  static ReleaseProgress progressOf(Throwable failure) {
    try {
      if (failure instanceof ApplicationFailure app && app.getDetails().getSize() > 0) {
        return app.getDetails().get(ReleaseProgress.class);
      }
    } catch (RuntimeException e) {
      return null; // details of another shape (terminated by hand, an older baton)
    }
    return null;
  }
}
