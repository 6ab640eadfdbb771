package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.drill.DrillRequest;
import dev.baton.drill.DrillWorkflow;
import dev.baton.failover.FailoverWorkflow;
import dev.baton.operation.PreemptRequest;
import dev.baton.operation.RunningRequest;
import dev.baton.worker.OperationFakes.FakeRelease;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pre-empting and listing a project's workflows, against the embedded Temporal service. */
class TemporalOperationsTest {
  private static final String QUEUE = Names.controlQueue("shop");
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private TemporalOperations operations;
  private final OperationFakes.SlowRouterImpl router = new OperationFakes.SlowRouterImpl();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        OperationFakes.FakeReleaseImpl.class,
        OperationFakes.FakeDrill.class,
        OperationFakes.FakeFailover.class);
    worker.registerActivitiesImplementations(router);
    env.start();
    client = env.getWorkflowClient();
    operations = new TemporalOperations(client);
  }

  @AfterEach
  void stop() {
    router.release.countDown();
    env.close();
  }

  private <T> T stub(Class<T> type, String workflowId) {
    return client.newWorkflowStub(
        type, WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
  }

  private static DrillRequest drill() {
    return new DrillRequest(
        "shop", List.of("primary", "secondary"), "carol", null, Duration.ofSeconds(1), false);
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
  }

  @Test
  void preemptTerminatesTheReleaseAndTheDrillNamingTheFailoverOnce() {
    FakeRelease release = stub(FakeRelease.class, Names.releaseWorkflowId("shop"));
    WorkflowClient.start(release::run, "v2");
    DrillWorkflow drill = stub(DrillWorkflow.class, Names.drillWorkflowId("shop"));
    WorkflowClient.start(drill::run, drill());

    String preempted =
        operations.preempt(new PreemptRequest("shop", "baton-failover-shop", "dc1 lost power"));

    assertThat(preempted)
        .isEqualTo("release v2 (step bake); drill primary -> secondary (phase bake)");
    assertThat(status(Names.releaseWorkflowId("shop")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(status(Names.drillWorkflowId("shop")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    String reason =
        client
            .fetchHistory(Names.releaseWorkflowId("shop"))
            .getLastEvent()
            .getWorkflowExecutionTerminatedEventAttributes()
            .getReason();
    assertThat(reason).isEqualTo("pre-empted by failover baton-failover-shop: dc1 lost power");

    assertThat(operations.preempt(new PreemptRequest("shop", "baton-failover-shop", "again")))
        .as("idempotent: nothing left to terminate")
        .isEmpty();
  }

  @Test
  void anActivityTheTerminatedReleaseLeavesRunningIsNamed() throws Exception {
    FakeRelease release = stub(FakeRelease.class, Names.releaseWorkflowId("shop"));
    WorkflowClient.start(release::run, "v2-switching");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (client
                .newUntypedWorkflowStub(Names.releaseWorkflowId("shop"))
                .describe()
                .getRawDescription()
                .getPendingActivitiesCount()
            == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(200); // from scheduled to started

    assertThat(operations.preempt(new PreemptRequest("shop", "baton-failover-shop", "")))
        .isEqualTo("release v2-switching (step bake), Router.SwitchTo in flight");
  }

  @Test
  void runningNamesEveryOtherOperationButTheCaller() {
    assertThat(operations.running(new RunningRequest("shop", "baton-drill-shop"))).isEmpty();

    FakeRelease release = stub(FakeRelease.class, Names.releaseWorkflowId("shop"));
    WorkflowClient.start(release::run, "v3");
    FailoverWorkflow failover = stub(FailoverWorkflow.class, Names.failoverWorkflowId("shop"));
    WorkflowClient.start(failover::run, null);

    assertThat(operations.running(new RunningRequest("shop", Names.failoverWorkflowId("shop"))))
        .isEqualTo("release v3 (step bake)");
    assertThat(operations.running(new RunningRequest("shop", Names.drillWorkflowId("shop"))))
        .isEqualTo("release v3 (step bake); failover primary -> secondary (phase confirm-down)");
    assertThat(operations.running(new RunningRequest("other", "x"))).isEmpty();
  }

  @Test
  void aCronDrillCountsOnlyWhileARunIsDueAndItsScheduleSurvivesAPreemption() {
    // Start a minute after a 5-minute mark, so the first run is 4 minutes away whatever the wall
    // clock said: started just before a mark, the run was due at once and the test failed.
    long fiveMinutes = Duration.ofMinutes(5).toMillis();
    env.sleep(
        Duration.ofMillis(
            fiveMinutes
                - env.currentTimeMillis() % fiveMinutes
                + Duration.ofMinutes(1).toMillis()));
    String scheduleId = Names.drillScheduleId("shop");
    DrillWorkflow cron =
        client.newWorkflowStub(
            DrillWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(scheduleId)
                .setTaskQueue(QUEUE)
                .setCronSchedule("*/5 * * * *")
                .build());
    WorkflowClient.start(cron::run, drill());
    assertThat(operations.running(new RunningRequest("shop", "baton-failover-shop")))
        .as("waiting for its time: no drill runs")
        .isEmpty();

    env.sleep(Duration.ofMinutes(6)); // the run is due: a drill is in progress
    assertThat(operations.running(new RunningRequest("shop", "baton-failover-shop")))
        .isEqualTo("drill primary -> secondary (phase bake)");

    String preempted = operations.preempt(new PreemptRequest("shop", "baton-failover-shop", ""));
    assertThat(preempted)
        .isEqualTo("drill primary -> secondary (phase bake), the drill schedule stays");
    WorkflowStub rearmed = client.newUntypedWorkflowStub(scheduleId);
    assertThat(rearmed.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(
            client
                .fetchHistory(scheduleId)
                .getHistory()
                .getEvents(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getCronSchedule())
        .isEqualTo("*/5 * * * *");
    assertThat(operations.running(new RunningRequest("shop", "baton-failover-shop")))
        .as("the re-armed schedule waits for its next time")
        .isEmpty();
  }
}
