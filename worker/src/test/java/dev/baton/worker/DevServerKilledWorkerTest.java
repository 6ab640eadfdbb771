package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that dies without a word (its connection cut, as by SIGKILL) can be replaced on the dev
 * service: the workflows it ran move to the next worker on their queue, and DescribeTaskQueue stops
 * listing it.
 */
class DevServerKilledWorkerTest {
  private static final String QUEUE = "killed-worker-test";

  @WorkflowInterface
  public interface Gate {
    @WorkflowMethod
    String run();

    @SignalMethod
    void open(String by);

    @QueryMethod
    String state();
  }

  public static class GateImpl implements Gate {
    private String openedBy;

    @Override
    public String run() {
      Workflow.await(() -> openedBy != null);
      return "opened by " + openedBy;
    }

    @Override
    public void open(String by) {
      openedBy = by;
    }

    @Override
    public String state() {
      return openedBy == null ? "waiting" : "open";
    }
  }

  /** A worker process: its own connection, so cutting it is what a SIGKILL does to the service. */
  private record WorkerProcess(WorkflowServiceStubs service, WorkerFactory factory) {
    static WorkerProcess start(DevServer server, String identity) {
      WorkflowServiceStubs service = stubs(server);
      WorkflowClient client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setIdentity(identity).build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      factory.newWorker(QUEUE).registerWorkflowImplementationTypes(GateImpl.class);
      factory.start();
      return new WorkerProcess(service, factory);
    }

    void kill() throws InterruptedException {
      service.shutdownNow(); // the connection goes first, with no ShutdownWorker call
      service.awaitTermination(10, TimeUnit.SECONDS);
      factory.shutdownNow();
    }
  }

  private DevServer server;
  private WorkflowServiceStubs cli;

  @BeforeEach
  void start() {
    server = DevServer.start(0);
    cli = stubs(server);
  }

  @AfterEach
  void stop() {
    cli.shutdownNow();
    server.close();
  }

  @Test
  void aReplacementWorkerRunsTheWorkflowsOfAKilledOne() throws Exception {
    WorkerProcess first = WorkerProcess.start(server, "first");
    WorkflowClient client = WorkflowClient.newInstance(cli);
    Gate gate =
        client.newWorkflowStub(
            Gate.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("gate").build());
    WorkflowClient.start(gate::run);
    // The first worker has run a task, so it asked for the workflow's next ones on its sticky
    // queue.
    await(
        () ->
            client.fetchHistory("gate").getEvents().stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    first.kill();
    WorkerProcess second = WorkerProcess.start(server, "second");
    try {
      assertThat(gate.state()).isEqualTo("waiting"); // a query reaches the new worker
      gate.open("alice"); // and so does the task the signal makes
      assertThat(
              client.newUntypedWorkflowStub("gate").getResult(30, TimeUnit.SECONDS, String.class))
          .isEqualTo("opened by alice");
    } finally {
      second.kill();
    }
  }

  @Test
  void describeTaskQueueListsTheLiveWorkersOfAQueueOnly() throws Exception {
    assertThat(pollers()).isEmpty();
    WorkerProcess worker = WorkerProcess.start(server, "alive");
    await(() -> pollers().stream().anyMatch(p -> p.getIdentity().equals("alive")));
    worker.kill();
    long killed = System.nanoTime();
    await(() -> pollers().isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - killed))
        .isLessThan(TaskQueuePollers.LINGER.plusSeconds(2));
  }

  private List<PollerInfo> pollers() {
    return cli.blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace("default")
                .setTaskQueue(TaskQueue.newBuilder().setName(QUEUE))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                .build())
        .getPollersList();
  }

  private static WorkflowServiceStubs stubs(DevServer server) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in 30 s").isLessThan(deadline);
      Thread.sleep(50); // polls the service; the condition is what ends the wait
    }
  }
}
