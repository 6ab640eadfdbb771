package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.release.ReleaseSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;

/** The dev service knows baton's search attributes, and only registered ones are accepted. */
class DevServerTest {

  private static WorkflowStub start(WorkflowClient client, String id, SearchAttributes attributes) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "NoSuchWorkflow", // nothing runs it: starting is what checks the attributes
            WorkflowOptions.newBuilder()
                .setTaskQueue("dev-server-test")
                .setWorkflowId(id)
                .setTypedSearchAttributes(attributes)
                .build());
    stub.start();
    return stub;
  }

  @Test
  void batonsSearchAttributesAreRegisteredAtStart() {
    try (DevServer server = DevServer.start(0)) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        SearchAttributes attributes =
            SearchAttributes.newBuilder()
                .set(ReleaseSearchAttributes.PROJECT, "shop")
                .set(ReleaseSearchAttributes.VERSION, "v2")
                .set(ReleaseSearchAttributes.STEP, "plan")
                .build();
        WorkflowStub started = start(client, "with-baton-attributes", attributes);
        assertThat(started.describe().getTypedSearchAttributes().get(ReleaseSearchAttributes.STEP))
            .isEqualTo("plan");

        SearchAttributes unknown =
            SearchAttributes.newBuilder()
                .set(SearchAttributeKey.forKeyword("NotRegistered"), "x")
                .build();
        assertThatThrownBy(() -> start(client, "with-unknown-attribute", unknown))
            .hasStackTraceContaining("NotRegistered");
      } finally {
        service.shutdownNow();
      }
    }
  }

  /** baton dev's service says "cannot tell" about pollers until its workers are started. */
  @Test
  void whileWorkersStartDescribeTaskQueueAnswersUnavailableThenCountsPollers() {
    try (DevServer server = DevServer.start(0, true)) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      try {
        DescribeTaskQueueRequest describe =
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace("default")
                .setTaskQueue(TaskQueue.newBuilder().setName("baton.shop.control"))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                .build();
        assertThatThrownBy(() -> service.blockingStub().describeTaskQueue(describe))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

        server.workersStarted();
        assertThat(service.blockingStub().describeTaskQueue(describe).getPollersCount()).isZero();
      } finally {
        service.shutdownNow();
      }
    }
  }
}
