package dev.baton.cli;

import dev.baton.cli.history.OpenAndClosed;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every run of every workflow the service holds (open and closed, each run of a reused id, every
 * page of its history), as the stored protobuf bytes: payloads in there are the raw bytes the data
 * converter wrote, so a secret that travelled through Temporal would be found as written.
 *
 * @param runs the workflow runs read
 * @param bytes all their histories, concatenated
 */
record HistoryScan(List<String> runs, byte[] bytes) {

  static HistoryScan of(WorkflowClient client) {
    WorkflowServiceBlockingStub service = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    List<String> runs = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OpenAndClosed.of(client).stream()
        .map(WorkflowExecutionInfo::getExecution)
        .forEach(
            run -> {
              runs.add(run.getWorkflowId() + "/" + run.getRunId());
              history(service, namespace, run, bytes);
            });
    return new HistoryScan(runs, bytes.toByteArray());
  }

  private static void history(
      WorkflowServiceBlockingStub service,
      String namespace,
      WorkflowExecution run,
      ByteArrayOutputStream into) {
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          service.getWorkflowExecutionHistory(
              GetWorkflowExecutionHistoryRequest.newBuilder()
                  .setNamespace(namespace)
                  .setExecution(run)
                  .setNextPageToken(page)
                  .build());
      into.writeBytes(response.getHistory().toByteArray());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
  }

  /** Whether {@code text} (as UTF-8) occurs anywhere in the histories. */
  boolean contains(String text) {
    // ISO-8859-1 maps each byte to one char, so a byte search becomes a string search.
    return new String(bytes, StandardCharsets.ISO_8859_1)
        .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }
}
