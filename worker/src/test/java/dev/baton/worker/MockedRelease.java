package dev.baton.worker;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.notify.NotifyActivities;
import dev.baton.operation.OperationActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeResult;
import dev.baton.release.ReleaseWorkflow;
import dev.baton.release.ReleaseWorkflowImpl;
import dev.baton.router.RouterActivities;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import dev.baton.rules.RulesActivities;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.SiteActivities;
import dev.baton.testing.TestRules;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;

/**
 * The real release workflow on a test service whose client and workers use {@code converter}, with
 * mocked activities in a healthy world where primary is active (the approval rules of {@link
 * TestRules#release()}: switch waits for anyone). Tests stub {@link #secondary} to break the
 * deploy.
 */
final class MockedRelease implements AutoCloseable {
  static final String PROJECT = "shop";

  final TestWorkflowEnvironment env;
  final SiteActivities secondary = mockActivity(SiteActivities.class);

  MockedRelease(DataConverter converter) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
    Worker control = env.newWorker(Names.controlQueue(PROJECT));
    control.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
    OperationActivities operations = mockActivity(OperationActivities.class);
    RouterActivities router = mockActivity(RouterActivities.class);
    RulesActivities rules = mockActivity(RulesActivities.class);
    ProbeActivities probe = mockActivity(ProbeActivities.class);
    when(operations.running(any())).thenReturn("");
    when(router.currentTarget(any())).thenReturn("primary");
    when(router.switchTo(any()))
        .thenAnswer(c -> new SwitchResult(c.<SwitchRequest>getArgument(0).toSite(), 42, "ok"));
    when(rules.read(any())).thenReturn(TestRules.release(PROJECT, TestRules.release()));
    when(probe.probe(any())).thenReturn(new ProbeResult("any", true, 3, Map.of()));
    control.registerActivitiesImplementations(
        operations,
        router,
        rules,
        probe,
        mockActivity(DatabaseActivities.class),
        mockActivity(NotifyActivities.class));
    SiteActivities primary = mockActivity(SiteActivities.class);
    for (SiteActivities site : new SiteActivities[] {primary, secondary}) {
      when(site.deploy(any())).thenAnswer(c -> deployed(c.getArgument(0)));
    }
    env.newWorker(Names.siteQueue(PROJECT, "primary"))
        .registerActivitiesImplementations(primary, mockActivity(SiteDatabaseActivities.class));
    env.newWorker(Names.siteQueue(PROJECT, "secondary"))
        .registerActivitiesImplementations(secondary, mockActivity(SiteDatabaseActivities.class));
  }

  ReleaseWorkflow stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(Names.controlQueue(PROJECT))
                .setWorkflowId(Names.releaseWorkflowId(PROJECT))
                .build());
  }

  /** The history as the service stores it, read without any data converter. */
  History rawHistory() {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(Names.releaseWorkflowId(PROJECT)))
                .build())
        .getHistory();
  }

  private static DeployResult deployed(DeployRequest request) {
    return new DeployResult(
        request.siteId(), request.version(), Map.of(), true, "healthy on " + request.siteId());
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  @Override
  public void close() {
    env.close();
  }
}
