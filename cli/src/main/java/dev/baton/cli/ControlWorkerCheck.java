package dev.baton.cli;

import dev.baton.Names;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Before the CLI sends what only a control worker can act on (a start on the control queue, a
 * query, an Update, a signal, a cancellation), it asks the service whether anyone polls the
 * project's control queue, and says at once when nobody does: without it a query waits 10 s and an
 * Update 60 s, and then the SDK's message names only the workflow id.
 *
 * <p>Every baton workflow runs on the project's control queue, so that is the queue checked. A
 * service that cannot tell (DescribeTaskQueue refused or unimplemented) is not held against the
 * caller: the call goes ahead. When a poller is listed but no answer comes (a worker that died a
 * moment ago, which a real server lists for minutes), the SDK's timeout is turned into the same one
 * line.
 */
final class ControlWorkerCheck extends WorkflowClientInterceptorBase {
  /** The check is one short call; a service slower than this is not worth waiting for here. */
  private static final Duration ASK = Duration.ofSeconds(5);

  /** How long "no poller" must last before it is believed. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  /** The SDK's bounds on a query and an Update attempt (rpcQueryTimeout, POLL_UPDATE_TIMEOUT_S). */
  private static final long QUERY_SECONDS = 10;

  private static final long UPDATE_SECONDS = 60;

  private final WorkflowServiceStubs service;
  private final String namespace;
  private final String project;

  ControlWorkerCheck(WorkflowServiceStubs service, String namespace, String project) {
    this.service = service;
    this.namespace = namespace;
    this.project = project;
  }

  /**
   * @throws NoControlWorkerException when the service lists no poller of the control queue
   */
  void require() {
    long deadline = System.nanoTime() + GRACE.toNanos();
    // A worker that has just started may not have sent its first poll yet (`baton dev &` and
    // then a command at once): ask again for a moment before saying there is none.
    while (pollers() == 0) {
      if (System.nanoTime() > deadline) {
        throw NoControlWorkerException.none(project);
      }
      try {
        Thread.sleep(100); // between two questions to the service
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw NoControlWorkerException.none(project);
      }
    }
  }

  /** How many poll the control queue; -1 when the service cannot tell. */
  private int pollers() {
    try {
      return service
          .blockingStub()
          .withDeadlineAfter(ASK.toMillis(), TimeUnit.MILLISECONDS)
          .describeTaskQueue(
              DescribeTaskQueueRequest.newBuilder()
                  .setNamespace(namespace)
                  .setTaskQueue(TaskQueue.newBuilder().setName(Names.controlQueue(project)))
                  .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                  .build())
          .getPollersCount();
    } catch (StatusRuntimeException e) {
      return -1; // cannot tell (unimplemented, not allowed): the call itself will say what is wrong
    }
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowStartOutput start(WorkflowStartInput input) {
        if (onControlQueue(input.getOptions().getTaskQueue())) {
          require();
        }
        return super.start(input);
      }

      @Override
      public WorkflowSignalOutput signal(WorkflowSignalInput input) {
        require();
        return super.signal(input);
      }

      @Override
      public <R> QueryOutput<R> query(QueryInput<R> input) {
        require();
        try {
          return super.query(input);
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
            throw NoControlWorkerException.silent(project, QUERY_SECONDS);
          }
          throw e;
        }
      }

      @Override
      public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
        require();
        try {
          return super.startUpdate(input);
        } catch (WorkflowUpdateTimeoutOrCancelledException e) {
          throw NoControlWorkerException.silent(project, UPDATE_SECONDS);
        }
      }

      @Override
      public CancelOutput cancel(CancelInput input) {
        require();
        return super.cancel(input);
      }
    };
  }

  private boolean onControlQueue(String taskQueue) {
    return Names.controlQueue(project).equals(taskQueue);
  }
}
