package dev.baton.cli.history;

import com.google.protobuf.Timestamp;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every execution of the namespace, open ones first, from the open and closed lists (up to 1000
 * each): what a service without a visibility query (the embedded one) can tell.
 */
public final class OpenAndClosed {
  private OpenAndClosed() {}

  public static List<WorkflowExecutionInfo> of(WorkflowClient client) {
    WorkflowServiceBlockingStub service = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    // The embedded service ignores the time filter; an older real server needs one.
    StartTimeFilter always =
        StartTimeFilter.newBuilder()
            .setEarliestTime(Timestamp.getDefaultInstance())
            .setLatestTime(
                Timestamp.newBuilder()
                    .setSeconds(Instant.now().plus(Duration.ofDays(1)).getEpochSecond()))
            .build();
    List<WorkflowExecutionInfo> open =
        service
            .listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setStartTimeFilter(always)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList();
    List<WorkflowExecutionInfo> closed =
        service
            .listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setStartTimeFilter(always)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList();
    return Stream.concat(open.stream(), closed.stream()).toList();
  }
}
