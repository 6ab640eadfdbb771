package dev.baton.cli.report;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.Failures;
import dev.baton.report.Phase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A failover or drill seen from the CLI: whether it runs, its progress query, and the report it
 * ended with (its result; else the report attached to its failure; else its progress query).
 *
 * @param <T> the report record, which is both the {@code progress} answer and the result
 */
public final class FollowedWorkflow<T> {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration QUIET_FAILURES = Duration.ofSeconds(5);

  /**
   * What to show: the report when one could be read, and a phrase when it did not end as its report
   * says (e.g. "ended: pre-empted by failover …" for a terminated run, whose last progress still
   * reads RUNNING), else null.
   */
  public record Ended<T>(T report, String failure) {}

  private final WorkflowClient client;
  private final String workflowId;
  private final Optional<String> runId;
  private final Class<T> type;

  public FollowedWorkflow(WorkflowClient client, String workflowId, Class<T> type) {
    this(client, workflowId, null, type);
  }

  public FollowedWorkflow(WorkflowClient client, String workflowId, String runId, Class<T> type) {
    this.client = client;
    this.workflowId = workflowId;
    this.runId = Optional.ofNullable(runId);
    this.type = type;
  }

  private WorkflowStub stub() {
    return client.newUntypedWorkflowStub(workflowId, runId, Optional.empty());
  }

  /** The latest run's status; empty when there never was one. */
  public Optional<WorkflowExecutionStatus> status() {
    try {
      return Optional.of(stub().describe().getStatus());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public boolean running() {
    return status()
        .filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .isPresent();
  }

  /** The progress query's answer; null when the workflow has none yet. */
  public T progress() {
    return stub().query("progress", type);
  }

  /** Call once it is no longer running. */
  public Ended<T> ended() {
    try {
      return new Ended<>(stub().getResult(type), null);
    } catch (WorkflowFailedException e) {
      T attached = attached(e);
      if (attached != null) {
        return new Ended<>(attached, null);
      }
      String failure = "ended: " + Failures.reason(e);
      try {
        return new Ended<>(progress(), failure); // a terminated run keeps no result: ask it
      } catch (WorkflowException | StatusRuntimeException queryFailed) {
        return new Ended<>(null, failure);
      }
    }
  }

  /**
   * Polls the progress until the workflow ends, printing each phase as it starts and ends; then
   * returns how it ended. A workflow no worker answers for yet gets one hint, not one per poll.
   */
  public Ended<T> follow(PrintWriter out, Function<T, List<Phase>> phases) {
    PhaseFollower follower = new PhaseFollower(out);
    long failingSince = 0;
    boolean hinted = false;
    while (running()) {
      try {
        T progress = progress();
        failingSince = 0;
        if (progress != null) {
          follower.show(phases.apply(progress));
        }
      } catch (WorkflowException | StatusRuntimeException e) {
        if (BatonCliException.within(e).isPresent()) {
          throw e; // no control worker at all: say so now, not after the hint
        }
        // Right after the start a query may fail until a worker has run the first task; only a
        // query that keeps failing says something about the workers.
        long now = System.nanoTime();
        failingSince = failingSince == 0 ? now : failingSince;
        if (!hinted && now - failingSince > QUIET_FAILURES.toNanos()) {
          out.println(
              "  (no answer from "
                  + workflowId
                  + " for "
                  + QUIET_FAILURES.toSeconds()
                  + "s: is a control worker running? `baton worker`)");
          out.flush();
          hinted = true;
        }
      }
      try {
        Thread.sleep(POLL.toMillis()); // the cadence of a person-facing display
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Ended<>(null, "is still running (interrupted while following it)");
      }
    }
    Ended<T> ended = ended();
    if (ended.report() != null) {
      follower.show(phases.apply(ended.report()));
    }
    return ended;
  }

  private T attached(WorkflowFailedException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.getDetails().getSize() > 0) {
        try {
          return app.getDetails().get(type);
        } catch (RuntimeException other) {
          return null; // details of another shape
        }
      }
    }
    return null;
  }
}
