package dev.baton.worker;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
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

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!call.getMethodDescriptor().getFullMethodName().equals(COMPLETED)) {
      return listener;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        super.onMessage(withoutSticky(message));
      }
    };
  }

  @SuppressWarnings("unchecked") // the method descriptor above fixes the message type
  private static <Q> Q withoutSticky(Q message) {
    return (Q)
        ((RespondWorkflowTaskCompletedRequest) message).toBuilder().clearStickyAttributes().build();
  }
}
