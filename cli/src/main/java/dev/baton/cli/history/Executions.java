package dev.baton.cli.history;

import dev.baton.Names;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The project's releases, failovers, drills and deploys from Temporal's visibility store, newest
 * first. All of them run on the project's control queue, which also catches the drills a Schedule
 * starts under ids of its own. A real server answers a visibility query; a service without one (the
 * embedded {@code baton dev} service answers UNIMPLEMENTED) is asked for its open and closed
 * executions, filtered here.
 */
final class Executions {
  static final List<String> TYPES = List.of("Release", "Failover", "Drill", "Deploy");

  /**
   * @param fallback null when the visibility query answered; else the gRPC status it answered with,
   *     and the executions come from the open/closed lists
   */
  record Listing(List<WorkflowExecutionInfo> executions, Status.Code fallback) {}

  private final WorkflowClient client;
  private final String project;
  private final List<String> siteIds;

  Executions(WorkflowClient client, String project, List<String> siteIds) {
    this.client = client;
    this.project = project;
    this.siteIds = siteIds;
  }

  /** The visibility query (docs/cli.md quotes it). */
  String query() {
    return "TaskQueue = '"
        + Names.controlQueue(project)
        + "' AND WorkflowType IN ("
        + TYPES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))
        + ")";
  }

  Listing newest(int limit) {
    List<WorkflowExecutionInfo> found;
    Status.Code fallback = null;
    try {
      found = queried(limit);
    } catch (StatusRuntimeException e) {
      // UNIMPLEMENTED: the embedded service; INVALID_ARGUMENT: a server whose visibility store
      // takes no such query (standard visibility before Temporal 1.20).
      fallback = e.getStatus().getCode();
      if (fallback != Status.Code.UNIMPLEMENTED && fallback != Status.Code.INVALID_ARGUMENT) {
        throw e;
      }
      found = openAndClosed();
    }
    List<WorkflowExecutionInfo> newest =
        found.stream()
            .sorted(
                Comparator.comparing(
                        (WorkflowExecutionInfo i) ->
                            i.getStartTime().getSeconds() * 1_000_000_000L
                                + i.getStartTime().getNanos())
                    .reversed())
            .limit(limit)
            .toList();
    return new Listing(newest, fallback);
  }

  private List<WorkflowExecutionInfo> queried(int limit) {
    List<WorkflowExecutionInfo> found = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse response =
          service()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace())
                      .setQuery(query())
                      .setPageSize(Math.min(limit, 1000))
                      .setNextPageToken(page)
                      .build());
      found.addAll(response.getExecutionsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty() && found.size() < limit);
    return found;
  }

  private List<WorkflowExecutionInfo> openAndClosed() {
    String queue = Names.controlQueue(project);
    Set<String> ids = new HashSet<>(ownIds());
    return OpenAndClosed.of(client).stream()
        .filter(i -> TYPES.contains(i.getType().getName()))
        // The embedded service leaves the task queue out of these answers: then the ids tell.
        .filter(
            i ->
                i.getTaskQueue().isEmpty()
                    ? ids.contains(i.getExecution().getWorkflowId())
                    : i.getTaskQueue().equals(queue))
        .toList();
  }

  /** The fixed workflow ids of the project's operations (not a Schedule's timestamped ones). */
  private List<String> ownIds() {
    List<String> ids = new ArrayList<>();
    ids.add(Names.releaseWorkflowId(project));
    ids.add(Names.failoverWorkflowId(project));
    ids.add(Names.drillWorkflowId(project));
    ids.add(Names.drillScheduleId(project));
    siteIds.forEach(site -> ids.add(Names.deployWorkflowId(project, site)));
    return ids;
  }

  private WorkflowServiceBlockingStub service() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private String namespace() {
    return client.getOptions().getNamespace();
  }
}
