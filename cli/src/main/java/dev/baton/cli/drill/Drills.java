package dev.baton.cli.drill;

import dev.baton.Names;
import dev.baton.cli.report.FollowedWorkflow;
import dev.baton.drill.DrillReport;
import dev.baton.worker.RunningWorkflows;
import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.ScheduleActionExecution;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a project's drills are: the one started by hand ({@link Names#drillWorkflowId}), the runs
 * of its Temporal Schedule, or the runs of the cron workflow that stands in for the schedule on a
 * service without the Schedule API ({@link Names#drillScheduleId}).
 */
final class Drills {
  /** One drill run, with when it started. */
  record Run(String workflowId, String runId, Instant startedAt, boolean running) {
    FollowedWorkflow<DrillReport> followed(WorkflowClient client) {
      return new FollowedWorkflow<>(client, workflowId, runId, DrillReport.class);
    }
  }

  private final WorkflowClient client;
  private final String project;

  Drills(WorkflowClient client, String project) {
    this.client = client;
    this.project = project;
  }

  ScheduleClient schedules() {
    return ScheduleClient.newInstance(
        client.getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .build());
  }

  /** The Temporal Schedule; empty when there is none or the service has no Schedule API. */
  Optional<ScheduleDescription> schedule() {
    try {
      return Optional.of(schedules().getHandle(Names.drillScheduleId(project)).describe());
    } catch (RuntimeException e) {
      Status.Code code = RunningWorkflows.grpcCode(e);
      if (code == Status.Code.NOT_FOUND || code == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The cron workflow's current run, if it runs (waiting for its time, or drilling). */
  Optional<WorkflowExecutionDescription> cronWorkflow() {
    return describe(Names.drillScheduleId(project), null)
        .filter(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  /** Whether a cron run has reached its time (a waiting run's history is its start event). */
  static boolean drilling(WorkflowExecutionDescription cronRun) {
    return cronRun.getHistoryLength() > 1;
  }

  /** The cron expression a run of the cron workflow was started with. */
  String cronOf(WorkflowExecutionDescription run) {
    return client
        .fetchHistory(Names.drillScheduleId(project), run.getExecution().getRunId())
        .getHistory()
        .getEvents(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getCronSchedule();
  }

  /** The running drill if there is one, else the one that started last. */
  Optional<Run> latest() {
    List<Run> runs = new ArrayList<>();
    describe(Names.drillWorkflowId(project), null).map(Drills::run).ifPresent(runs::add);
    schedule()
        .ifPresent(
            s -> {
              s.getInfo().getRunningActions().forEach(a -> action(a).ifPresent(runs::add));
              s.getInfo().getRecentActions().stream()
                  .map(ScheduleActionResult::getAction)
                  .forEach(a -> action(a).ifPresent(runs::add));
            });
    Optional<WorkflowExecutionDescription> cron = describe(Names.drillScheduleId(project), null);
    cron.ifPresent(
        current -> {
          if (current.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
              || drilling(current)) {
            runs.add(run(current));
          }
          String previous =
              client
                  .fetchHistory(Names.drillScheduleId(project), current.getExecution().getRunId())
                  .getHistory()
                  .getEvents(0)
                  .getWorkflowExecutionStartedEventAttributes()
                  .getContinuedExecutionRunId();
          if (!previous.isEmpty()) {
            describe(Names.drillScheduleId(project), previous)
                .map(Drills::run)
                .ifPresent(runs::add);
          }
        });
    return runs.stream()
        .max(
            Comparator.comparing(Run::running)
                .thenComparing(Run::startedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
  }

  private Optional<Run> action(ScheduleActionExecution action) {
    if (action instanceof ScheduleActionExecutionStartWorkflow start) {
      return describe(start.getWorkflowId(), start.getFirstExecutionRunId()).map(Drills::run);
    }
    return Optional.empty();
  }

  private static Run run(WorkflowExecutionDescription d) {
    return new Run(
        d.getExecution().getWorkflowId(),
        d.getExecution().getRunId(),
        // A cron run is created when the one before ends; it starts drilling at its execution time.
        d.getExecutionTime() != null ? d.getExecutionTime() : d.getStartTime(),
        d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private Optional<WorkflowExecutionDescription> describe(String workflowId, String runId) {
    try {
      return Optional.of(
          client
              .newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty())
              .describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
