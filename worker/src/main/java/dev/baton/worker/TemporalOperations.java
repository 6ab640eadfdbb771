package dev.baton.worker;

import dev.baton.deploy.SiteDeployRequest;
import dev.baton.drill.DrillReport;
import dev.baton.drill.DrillRequest;
import dev.baton.failover.FailoverResult;
import dev.baton.operation.OperationActivities;
import dev.baton.operation.PreemptRequest;
import dev.baton.operation.RunningRequest;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.StepState;
import dev.baton.report.Phase;
import dev.baton.worker.RunningWorkflows.Execution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OperationActivities} with the worker's Temporal client: what else of the project runs, and
 * terminating it for a failover. Termination, not cancellation: a cancelled release moves traffic
 * back, which is exactly what must not fight a failover.
 */
public final class TemporalOperations implements OperationActivities {
  private static final Logger log = LoggerFactory.getLogger(TemporalOperations.class);
  private final WorkflowClient client;
  private final RunningWorkflows workflows;

  public TemporalOperations(WorkflowClient client) {
    this.client = client;
    this.workflows = new RunningWorkflows(client);
  }

  @Override
  public String preempt(PreemptRequest request) {
    String reason =
        "pre-empted by failover "
            + request.by()
            + (request.reason() == null || request.reason().isBlank()
                ? ""
                : ": " + request.reason());
    List<String> terminated = new ArrayList<>();
    List<Execution> targets = workflows.all(request.project(), request.deploySites(), false);
    for (Execution execution : targets) {
      String what = describe(execution) + inFlight(execution);
      Optional<WorkflowExecutionStartedEventAttributes> cron =
          execution.cronRun() ? Optional.of(started(execution)) : Optional.empty();
      if (terminate(execution, reason)) {
        log.info("{}: terminated {} ({})", request.by(), what, execution.workflowId());
        cron.ifPresent(attributes -> rearm(execution, attributes));
        terminated.add(what + (execution.cronRun() ? ", the drill schedule stays" : ""));
      }
    }
    return String.join("; ", terminated);
  }

  @Override
  public String running(RunningRequest request) {
    List<Execution> found = workflows.all(request.project(), request.deploySites(), true);
    return String.join(
        "; ",
        found.stream()
            .filter(e -> !e.workflowId().equals(request.callerWorkflowId()))
            .map(this::describe)
            .toList());
  }

  /** One line, e.g. "release v2 (step bake)"; the workflow id when its query does not answer. */
  private String describe(Execution execution) {
    String fallback = execution.kind() + " " + execution.workflowId();
    try {
      WorkflowStub stub =
          client.newUntypedWorkflowStub(
              execution.workflowId(), Optional.of(execution.runId()), Optional.empty());
      String text =
          switch (execution.kind()) {
            case "release" -> release(stub.query("progress", ReleaseProgress.class));
            case "drill" -> drill(stub.query("progress", DrillReport.class));
            case "failover" -> failover(stub.query("progress", FailoverResult.class));
            case "deploy" -> deploy(execution);
            default -> null;
          };
      return text == null ? fallback : text;
    } catch (RuntimeException e) {
      // Best effort: the description is for people; the termination must not depend on it.
      log.debug("no progress from {}: {}", execution.workflowId(), e.toString());
      return fallback;
    }
  }

  private static String release(ReleaseProgress p) {
    if (p == null) {
      return null;
    }
    String step = p.currentStep() == null ? "" : " (step " + p.currentStep().id() + ")";
    return "release " + p.version() + step;
  }

  /** "deploy of v3 to secondary", from the deploy's input: it has no progress query. */
  private String deploy(Execution execution) {
    WorkflowExecutionStartedEventAttributes started = started(execution);
    SiteDeployRequest request =
        client
            .getOptions()
            .getDataConverter()
            .fromPayloads(
                0,
                Optional.of(started.getInput()),
                SiteDeployRequest.class,
                SiteDeployRequest.class);
    return "deploy of " + request.version() + " to " + request.siteId();
  }

  private static String drill(DrillReport r) {
    return r == null ? null : "drill " + route(r.from(), r.to()) + phase(r.phases());
  }

  private static String failover(FailoverResult r) {
    return r == null ? null : "failover " + route(r.from(), r.to()) + phase(r.phases());
  }

  private static String route(String from, String to) {
    return (from == null ? "?" : from) + " -> " + (to == null ? "?" : to);
  }

  /** " (phase switch)": the phase running now, else the last one. */
  private static String phase(List<Phase> phases) {
    if (phases == null || phases.isEmpty()) {
      return "";
    }
    Function<Phase, String> name = p -> " (phase " + p.name() + ")";
    return phases.stream()
        .filter(p -> p.state() == StepState.RUNNING)
        .reduce((a, b) -> b)
        .map(name)
        .orElse(name.apply(phases.get(phases.size() - 1)));
  }

  /**
   * ", Router.SwitchTo in flight": activities a terminated workflow leaves running. Termination
   * does not stop them, so the failover must expect, say, a release's router switch to land after
   * the pre-emption; naming them puts that in its report.
   */
  private String inFlight(Execution execution) {
    try {
      List<String> started =
          client
              .newUntypedWorkflowStub(
                  execution.workflowId(), Optional.of(execution.runId()), Optional.empty())
              .describe()
              .getRawDescription()
              .getPendingActivitiesList()
              .stream()
              .filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
              .map(a -> a.getActivityType().getName())
              .toList();
      return started.isEmpty() ? "" : ", " + String.join(", ", started) + " in flight";
    } catch (RuntimeException e) {
      log.debug("no pending activities of {}: {}", execution.workflowId(), e.toString());
      return "";
    }
  }

  /** False when it had ended already (a retry of this activity, or a race). */
  private boolean terminate(Execution execution, String reason) {
    try {
      client
          .newUntypedWorkflowStub(
              execution.workflowId(), Optional.of(execution.runId()), Optional.empty())
          .terminate(reason);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private WorkflowExecutionStartedEventAttributes started(Execution execution) {
    return client
        .fetchHistory(execution.workflowId(), execution.runId())
        .getHistory()
        .getEvents(0)
        .getWorkflowExecutionStartedEventAttributes();
  }

  /**
   * Terminating a cron run ends its whole chain, so the fallback's schedule is started again with
   * the same cron expression and request: the failover pre-empts this drill, not future ones.
   */
  private void rearm(Execution execution, WorkflowExecutionStartedEventAttributes started) {
    DrillRequest request =
        client
            .getOptions()
            .getDataConverter()
            .fromPayloads(
                0, Optional.of(started.getInput()), DrillRequest.class, DrillRequest.class);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(execution.workflowId())
            .setTaskQueue(started.getTaskQueue().getName())
            .setCronSchedule(started.getCronSchedule())
            .build();
    client.newUntypedWorkflowStub(started.getWorkflowType().getName(), options).start(request);
    log.info("drill schedule {} re-armed ({})", execution.workflowId(), started.getCronSchedule());
  }
}
