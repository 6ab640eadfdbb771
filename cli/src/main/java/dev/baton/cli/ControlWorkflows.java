package dev.baton.cli;

import dev.baton.Names;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Functions;
import java.util.function.BiConsumer;

/**
 * Starts the project's one-of-a-kind workflows (failover, drill, monitor): each has a fixed id, so
 * a second start finds the running one instead of racing it.
 */
public final class ControlWorkflows {
  private ControlWorkflows() {}

  /**
   * Starts {@code run(stub, request)} on the project's control queue as {@code workflowId}; false
   * when a workflow with that id already runs (nothing is started then).
   */
  public static <W, A> boolean start(
      WorkflowClient client,
      String project,
      Class<W> type,
      String workflowId,
      BiConsumer<W, A> run,
      A request) {
    W stub =
        client.newWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(Names.controlQueue(project))
                .build());
    try {
      // The lambda calls exactly one workflow method of the stub, which is what start() needs.
      WorkflowClient.start((Functions.Proc1<A>) r -> run.accept(stub, r), request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
