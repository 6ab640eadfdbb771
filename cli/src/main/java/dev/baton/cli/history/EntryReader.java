package dev.baton.cli.history;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.Outcome;
import dev.baton.cli.history.HistoryEntry.Timing;
import dev.baton.deploy.SiteDeployRequest;
import dev.baton.drill.DrillReport;
import dev.baton.drill.DrillRequest;
import dev.baton.failover.FailoverRequest;
import dev.baton.failover.FailoverResult;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseRequest;
import dev.baton.release.ReleaseResult;
import dev.baton.report.Phase;
import dev.baton.report.PhasedReport;
import dev.baton.site.DeployResult;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one execution's input and result from its history, which needs no worker: the first event
 * (the request: version, who asked) and the close event (the result, or the failure with the report
 * attached). A run that ended without a report (cancelled, terminated) shows its status.
 */
final class EntryReader {
  private final WorkflowClient client;
  private final String project;
  private final DataConverter converter;

  EntryReader(WorkflowClient client, String project) {
    this.client = client;
    this.project = project;
    this.converter = client.getOptions().getDataConverter();
  }

  HistoryEntry read(WorkflowExecutionInfo info) {
    WorkflowExecution execution = info.getExecution();
    String status = info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    Instant started = instant(info.getStartTime());
    Payloads input = firstEvent(execution).getWorkflowExecutionStartedEventAttributes().getInput();
    Close close = running ? new Close(null, null, null) : close(execution);
    // The embedded service's listing has no close time: the close event has.
    Instant ended =
        running ? null : info.hasCloseTime() ? instant(info.getCloseTime()) : close.at();
    Draft draft =
        switch (info.getType().getName()) {
          case "Release" -> release(input, close);
          case "Failover" -> failover(input, close);
          case "Drill" -> drill(input, close);
          default -> deploy(input, close);
        };
    String outcome =
        running ? Outcome.RUNNING.name() : draft.outcome == null ? status : draft.outcome;
    if (running && execution.getWorkflowId().equals(Names.drillScheduleId(project))) {
      // The drill schedule's cron workflow (no Schedule API): its open run mostly waits.
      draft.detail = "the drill schedule's next run: waits for its time, or drills now";
    }
    String kind =
        draft.kind.equals("release") && Outcome.of(outcome).is(FailureKind.ROLLED_BACK)
            ? "rollback"
            : draft.kind;
    return new HistoryEntry(
        kind,
        execution.getWorkflowId(),
        execution.getRunId(),
        draft.version,
        started,
        ended,
        status,
        outcome,
        draft.requestedBy,
        draft.approvedBy,
        draft.steps,
        draft.detail == null || draft.detail.isEmpty() ? "" : draft.detail,
        draft.images);
  }

  /** What one kind of workflow contributes to its entry. */
  private static final class Draft {
    String kind;
    String version;
    String requestedBy = "";
    String outcome;
    List<String> approvedBy = List.of();
    List<Timing> steps = List.of();
    String detail;
    Map<String, String> images = Map.of();

    Draft(String kind) {
      this.kind = kind;
    }
  }

  /** The close event's result payload, or the failure converted back to an exception. */
  private record Close(Payloads result, ApplicationFailure failure, Instant at) {}

  private Draft release(Payloads input, Close close) {
    Draft d = new Draft("release");
    ReleaseRequest request = decode(input, ReleaseRequest.class);
    if (request != null) {
      d.version = request.version();
      d.requestedBy = request.requestedBy();
    }
    ReleaseResult result = decode(close.result(), ReleaseResult.class);
    ReleaseProgress p = result != null ? result.progress() : attached(close, ReleaseProgress.class);
    if (p != null) {
      d.outcome = p.outcome();
      d.detail = p.message();
      d.images = p.images();
      d.approvedBy =
          p.approvals().stream()
              .filter(a -> a.accepted() && a.decision().equals("approve"))
              .map(a -> a.approver() + " (" + a.step() + ")")
              .toList();
      List<Timing> steps = new ArrayList<>();
      p.steps().stream()
          .filter(s -> s.startedAt() != null)
          .forEach(
              s ->
                  steps.add(
                      new Timing(
                          s.step().id(),
                          s.state(),
                          s.endedAt() == null
                              ? 0
                              : Duration.between(s.startedAt(), s.endedAt()).toMillis())));
      d.steps = steps;
    } else if (close.failure() != null) {
      d.detail = close.failure().getOriginalMessage();
    }
    return d;
  }

  private Draft failover(Payloads input, Close close) {
    FailoverRequest request = decode(input, FailoverRequest.class);
    return operation(
        "failover",
        request == null ? null : request.requestedBy(),
        close,
        FailoverResult.class,
        r ->
            (r.from() == null ? "" : r.from() + " -> " + r.to() + ", RTO " + seconds(r.rtoMillis()))
                + (r.message() == null || r.message().isEmpty() ? "" : "; " + r.message()),
        request == null ? "" : request.reason());
  }

  private Draft drill(Payloads input, Close close) {
    DrillRequest request = decode(input, DrillRequest.class);
    return operation(
        "drill",
        request == null ? null : request.requestedBy(),
        close,
        DrillReport.class,
        DrillReport::message,
        "");
  }

  /**
   * A failover or drill: its report is the result, or is attached to its failure; without one the
   * failure (or {@code otherwise}) is the detail.
   */
  private <R extends PhasedReport> Draft operation(
      String kind,
      String requestedBy,
      Close close,
      Class<R> type,
      Function<R, String> detail,
      String otherwise) {
    Draft d = new Draft(kind);
    if (requestedBy != null) {
      d.requestedBy = requestedBy;
    }
    R r = decode(close.result(), type);
    r = r != null ? r : attached(close, type);
    if (r != null) {
      d.outcome = r.outcome();
      d.steps = timings(r.phases());
      d.detail = detail.apply(r);
    } else {
      d.detail = failureText(close, otherwise);
    }
    return d;
  }

  private Draft deploy(Payloads input, Close close) {
    Draft d = new Draft("deploy");
    SiteDeployRequest request = decode(input, SiteDeployRequest.class);
    if (request != null) {
      d.version = request.version();
    }
    DeployResult r = decode(close.result(), DeployResult.class);
    if (r != null) {
      d.outcome = Outcome.SUCCEEDED.name();
      d.detail = r.message();
    } else {
      d.detail = failureText(close, request == null ? "" : "site " + request.siteId());
    }
    return d;
  }

  private static String failureText(Close close, String otherwise) {
    return close.failure() != null ? close.failure().getOriginalMessage() : otherwise;
  }

  private static List<Timing> timings(List<Phase> phases) {
    return phases == null
        ? List.of()
        : phases.stream().map(p -> new Timing(p.name(), p.state(), p.millis())).toList();
  }

  private static String seconds(long millis) {
    return String.format("%.1fs", millis / 1000.0);
  }

  private HistoryEvent firstEvent(WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .setMaximumPageSize(1)
                .build())
        .getHistory()
        .getEvents(0);
  }

  private Close close(WorkflowExecution execution) {
    List<HistoryEvent> events =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution)
                    .setHistoryEventFilterType(
                        HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                    .build())
            .getHistory()
            .getEventsList();
    Instant at = events.isEmpty() ? null : instant(events.get(events.size() - 1).getEventTime());
    for (int i = events.size() - 1; i >= 0; i--) {
      HistoryEvent e = events.get(i);
      if (e.hasWorkflowExecutionCompletedEventAttributes()) {
        return new Close(e.getWorkflowExecutionCompletedEventAttributes().getResult(), null, at);
      }
      if (e.hasWorkflowExecutionFailedEventAttributes()) {
        Failure failure = e.getWorkflowExecutionFailedEventAttributes().getFailure();
        return new Close(null, application(failure), at);
      }
      if (e.hasWorkflowExecutionContinuedAsNewEventAttributes()) {
        // A cron run (the drill schedule's fallback) may end by starting the next one.
        var next = e.getWorkflowExecutionContinuedAsNewEventAttributes();
        return next.hasFailure()
            ? new Close(null, application(next.getFailure()), at)
            : new Close(next.getLastCompletionResult(), null, at);
      }
    }
    return new Close(null, null, at); // cancelled, terminated, timed out: no report
  }

  private ApplicationFailure application(Failure failure) {
    for (Throwable t = converter.failureToException(failure); t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    return null;
  }

  private static <T> T attached(Close close, Class<T> type) {
    if (close.failure() == null || close.failure().getDetails().getSize() == 0) {
      return null;
    }
    try {
      return close.failure().getDetails().get(type);
    } catch (RuntimeException otherShape) {
      return null; // details of another shape (an older baton)
    }
  }

  private <T> T decode(Payloads payloads, Class<T> type) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return converter.fromPayloads(0, Optional.of(payloads), type, type);
    } catch (RuntimeException otherShape) {
      return null; // written by an older baton with another record shape
    }
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
