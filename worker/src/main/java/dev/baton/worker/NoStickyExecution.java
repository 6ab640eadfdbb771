package dev.baton.worker;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Makes the dev service ignore sticky execution, so any worker on a workflow's task queue can run
 * its next task.
 *
 * <p>A worker that completes a workflow task asks the service to send that workflow's next tasks to
 * its own sticky queue. A real server gives up on that queue after the sticky schedule-to-start
 * timeout (5 s) and falls back to the normal queue. The test server from temporal-testing never
 * does (it reads the sticky attributes and ignores their timeout): after a SIGKILL, every task of
 * every workflow the dead worker ran waits on a queue nobody polls. Dropping the sticky attributes
 * here is what the test server does itself after a failed or timed-out workflow task: its next
 * tasks go to the normal queue, with the whole history, and whichever worker polls it replays the
 * workflow. The cost is a replay per workflow task, which the dev service's small histories bear.
 *
 * <p>It lives in the service, not in the workers, so no worker has to know what it talks to: `baton
 * dev`'s own workers, separate `baton worker` processes, and any other SDK's workers behave the
 * same, and workers against a real server keep sticky execution.
 */
final class NoStickyExecution implements ServerInterceptor {
  private static final String COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();
  private static final String POLL =
      WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod().getFullMethodName();

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (method.equals(POLL)) {
      return next.startCall(
          new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(A message) {
              super.sendMessage(withoutTermination(message));
            }
          },
          headers);
    }
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!method.equals(COMPLETED)) {
      return listener;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        super.onMessage(withoutSticky(message));
      }
    };
  }

  /**
   * A query of a terminated workflow, now sent with the whole history instead of to the cached
   * workflow, ends with the termination event; the SDK cannot replay that event after a workflow
   * task that never completed (sdk-java #1457) and the query fails. Without it the history reads as
   * the workflow's last state, which is what the query asks about.
   */
  @SuppressWarnings("unchecked") // the method descriptor above fixes the message type
  private static <A> A withoutTermination(A message) {
    PollWorkflowTaskQueueResponse task = (PollWorkflowTaskQueueResponse) message;
    int events = task.getHistory().getEventsCount();
    if (!task.hasQuery()
        || events == 0
        || task.getHistory().getEvents(events - 1).getEventType()
            != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED) {
      return message;
    }
    return (A)
        task.toBuilder().setHistory(task.getHistory().toBuilder().removeEvents(events - 1)).build();
  }

  @SuppressWarnings("unchecked") // the method descriptor above fixes the message type
  private static <Q> Q withoutSticky(Q message) {
    return (Q)
        ((RespondWorkflowTaskCompletedRequest) message).toBuilder().clearStickyAttributes().build();
  }
}
