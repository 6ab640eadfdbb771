package dev.baton.worker;

import com.google.protobuf.util.Timestamps;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers DescribeTaskQueue on the dev service, which the test server leaves UNIMPLEMENTED, with
 * the pollers of a task queue: what the CLI asks to say at once that no worker serves a queue.
 *
 * <p>It watches the long polls go by. A worker always has a poll open on each queue it serves, so a
 * poller counts while one of its polls is open and for {@link #LINGER} after its last one ended (a
 * worker between two polls). A killed worker's connection drops, its polls are cancelled at once,
 * and it is gone from the answer {@link #LINGER} later; a real server keeps pollers for minutes.
 */
final class TaskQueuePollers implements ServerInterceptor {
  static final Duration LINGER = Duration.ofSeconds(3);
  private static final String DESCRIBE =
      WorkflowServiceGrpc.getDescribeTaskQueueMethod().getFullMethodName();
  private static final String POLL_WORKFLOW =
      WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod().getFullMethodName();
  private static final String POLL_ACTIVITY =
      WorkflowServiceGrpc.getPollActivityTaskQueueMethod().getFullMethodName();

  private record Queue(String namespace, String name, TaskQueueType type) {}

  private record Poller(Queue queue, String identity) {}

  /** Open polls and when the last one ended (millis), per poller. */
  private static final class Seen {
    int open;
    long lastMillis;
  }

  private final Map<Poller, Seen> pollers = new HashMap<>();

  /**
   * While {@code baton dev} starts its workers, its service already answers but nobody polls yet:
   * "no worker" would be wrong for the command run right after {@code baton dev &}, so the answer
   * is "cannot tell" (UNAVAILABLE), and the command goes ahead; its workflow waits the seconds it
   * takes the workers to poll.
   */
  private volatile boolean workersStarting;

  void workersStarting(boolean starting) {
    workersStarting = starting;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (method.equals(DESCRIBE)) {
      return answerDescribe(call);
    }
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!method.equals(POLL_WORKFLOW) && !method.equals(POLL_ACTIVITY)) {
      return listener;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      private Poller poller;

      @Override
      public void onMessage(Q message) {
        poller = pollerOf(message);
        opened(poller);
        super.onMessage(message);
      }

      @Override
      public void onComplete() {
        closed(poller);
        super.onComplete();
      }

      @Override
      public void onCancel() {
        closed(poller);
        super.onCancel();
      }
    };
  }

  private static Poller pollerOf(Object request) {
    if (request instanceof PollWorkflowTaskQueueRequest poll) {
      return new Poller(
          new Queue(
              poll.getNamespace(),
              poll.getTaskQueue().getName(),
              TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
          poll.getIdentity());
    }
    PollActivityTaskQueueRequest poll = (PollActivityTaskQueueRequest) request;
    return new Poller(
        new Queue(
            poll.getNamespace(),
            poll.getTaskQueue().getName(),
            TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
        poll.getIdentity());
  }

  private synchronized void opened(Poller poller) {
    Seen seen = pollers.computeIfAbsent(poller, p -> new Seen());
    seen.open++;
    seen.lastMillis = System.currentTimeMillis();
  }

  private synchronized void closed(Poller poller) {
    Seen seen = poller == null ? null : pollers.get(poller);
    if (seen != null) {
      seen.open--;
      seen.lastMillis = System.currentTimeMillis();
    }
  }

  synchronized DescribeTaskQueueResponse describe(DescribeTaskQueueRequest request) {
    TaskQueueType type =
        request.getTaskQueueType() == TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY
            ? TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY
            : TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW; // unspecified means workflow
    Queue queue = new Queue(request.getNamespace(), request.getTaskQueue().getName(), type);
    long now = System.currentTimeMillis();
    pollers.values().removeIf(s -> s.open == 0 && now - s.lastMillis > LINGER.toMillis());
    DescribeTaskQueueResponse.Builder response = DescribeTaskQueueResponse.newBuilder();
    pollers.forEach(
        (poller, seen) -> {
          if (poller.queue().equals(queue)) {
            response.addPollers(
                PollerInfo.newBuilder()
                    .setIdentity(poller.identity())
                    .setLastAccessTime(
                        Timestamps.fromMillis(seen.open > 0 ? now : seen.lastMillis)));
          }
        });
    return response.build();
  }

  /** A unary call answered here: the test server's own handler is never started. */
  private <Q, A> ServerCall.Listener<Q> answerDescribe(ServerCall<Q, A> call) {
    call.request(2); // as a unary handler does: the request, and proof there is no second one
    return new ServerCall.Listener<>() {
      private DescribeTaskQueueRequest request;

      @Override
      public void onMessage(Q message) {
        request = (DescribeTaskQueueRequest) message;
      }

      @Override
      @SuppressWarnings("unchecked") // the method descriptor fixes the response type
      public void onHalfClose() {
        if (request == null) {
          call.close(Status.INTERNAL.withDescription("no request"), new Metadata());
          return;
        }
        if (workersStarting) {
          call.close(
              Status.UNAVAILABLE.withDescription("baton dev is starting its workers"),
              new Metadata());
          return;
        }
        call.sendHeaders(new Metadata());
        call.sendMessage((A) describe(request));
        call.close(Status.OK, new Metadata());
      }
    };
  }
}
