package dev.baton.testing;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;

/**
 * What the Temporal Web UI sends: the JSON text a person typed, as one payload with encoding {@code
 * json/plain}, in a plain gRPC request. No Java type is involved on the sending side, so this is
 * the test that the workflow's data converter reads such a payload into its own records.
 */
public final class WebUi {
  private WebUi() {}

  /** A payload as the UI encodes typed JSON. */
  public static Payload json(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
        .build();
  }

  /** Sends Signal {@code name} with {@code json} to the latest run of {@code workflowId}. */
  public static void signal(
      TestWorkflowEnvironment env, String workflowId, String name, String json) {
    env.getWorkflowServiceStubs()
        .blockingStub()
        .signalWorkflowExecution(
            SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .setSignalName(name)
                .setInput(Payloads.newBuilder().addPayloads(json(json)))
                .setIdentity("temporal-web-ui")
                .build());
  }
}
