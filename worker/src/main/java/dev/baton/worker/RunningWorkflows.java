package dev.baton.worker;

import dev.baton.Names;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.ScheduleActionExecution;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Finds a project's running releases, drills and failovers by their workflow ids. A drill runs
 * under one of three ids: {@link Names#drillWorkflowId} (started by hand), the id a Temporal
 * Schedule gives each run (the schedule's action id plus a timestamp, found through the schedule's
 * running actions), or {@link Names#drillScheduleId} (the cron workflow of the fallback, whose runs
 * are the drills).
 */
public final class RunningWorkflows {

  /** One running workflow execution. */
  public record Execution(String kind, String workflowId, String runId, boolean cronRun) {}

  /** Daemon threads, so a worker's exit never waits for a lookup. */
  private static final ExecutorService LOOKUPS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "baton-running-workflows");
            t.setDaemon(true);
            return t;
          });

  private final WorkflowClient client;

  public RunningWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /**
   * What of the project runs now: its release, drills, failover (when {@code withFailover}) and the
   * deploys of these sites, in that order. The lookups (up to eight calls to the service) run at
   * once: a failover waits for them twice before it moves traffic.
   */
  public List<Execution> all(String project, List<String> siteIds, boolean withFailover) {
    List<CompletableFuture<List<Execution>>> lookups = new ArrayList<>();
    lookups.add(lookup(() -> release(project).stream().toList()));
    lookups.add(lookup(() -> drills(project)));
    if (withFailover) {
      lookups.add(lookup(() -> failover(project).stream().toList()));
    }
    for (String siteId : siteIds) {
      lookups.add(lookup(() -> deploys(project, List.of(siteId))));
    }
    List<Execution> out = new ArrayList<>();
    for (CompletableFuture<List<Execution>> lookup : lookups) {
      try {
        out.addAll(lookup.join());
      } catch (CompletionException e) {
        // The lookup's own exception, as if it had run here.
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
    return out;
  }

  private static CompletableFuture<List<Execution>> lookup(Supplier<List<Execution>> lookup) {
    return CompletableFuture.supplyAsync(lookup, LOOKUPS);
  }

  public Optional<Execution> release(String project) {
    return running("release", Names.releaseWorkflowId(project), false);
  }

  public Optional<Execution> failover(String project) {
    return running("failover", Names.failoverWorkflowId(project), false);
  }

  /** The running deploys of these sites. */
  public List<Execution> deploys(String project, List<String> siteIds) {
    List<Execution> out = new ArrayList<>();
    for (String siteId : siteIds) {
      running("deploy", Names.deployWorkflowId(project, siteId), false).ifPresent(out::add);
    }
    return out;
  }

  public List<Execution> drills(String project) {
    List<Execution> out = new ArrayList<>();
    running("drill", Names.drillWorkflowId(project), false).ifPresent(out::add);
    for (ScheduleActionExecution action : scheduleRunningActions(Names.drillScheduleId(project))) {
      if (action instanceof ScheduleActionExecutionStartWorkflow start) {
        out.add(
            new Execution("drill", start.getWorkflowId(), start.getFirstExecutionRunId(), false));
      }
    }
    running("drill", Names.drillScheduleId(project), true)
        .filter(this::executing)
        .ifPresent(out::add);
    return out;
  }

  /** The latest run of {@code workflowId}, if it is running. */
  private Optional<Execution> running(String kind, String workflowId, boolean cron) {
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Optional.empty();
    }
    return Optional.of(
        new Execution(kind, workflowId, description.getExecution().getRunId(), cron));
  }

  /**
   * A cron workflow is "running" while it waits for its next time; only a run whose time has come
   * is a drill in progress. A waiting run's history is its start event alone (its first workflow
   * task waits for the cron time), which needs no clock shared with the service.
   */
  private boolean executing(Execution cronRun) {
    return client
            .newUntypedWorkflowStub(
                cronRun.workflowId(), Optional.of(cronRun.runId()), Optional.empty())
            .describe()
            .getHistoryLength()
        > 1;
  }

  /** Empty where there is no such schedule or the service has no Schedule API (the dev one). */
  private List<ScheduleActionExecution> scheduleRunningActions(String scheduleId) {
    try {
      return ScheduleClient.newInstance(
              client.getWorkflowServiceStubs(),
              ScheduleClientOptions.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .build())
          .getHandle(scheduleId)
          .describe()
          .getInfo()
          .getRunningActions();
    } catch (ScheduleException | StatusRuntimeException e) {
      Status.Code code = grpcCode(e);
      if (code == Status.Code.NOT_FOUND || code == Status.Code.UNIMPLEMENTED) {
        return List.of();
      }
      throw e;
    }
  }

  /** The gRPC status code inside {@code error}, however the SDK wrapped it; null if none. */
  public static Status.Code grpcCode(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus().getCode();
      }
    }
    return null;
  }
}
