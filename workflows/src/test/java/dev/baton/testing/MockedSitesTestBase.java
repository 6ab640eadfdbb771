package dev.baton.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.FenceResult;
import dev.baton.database.PromoteResult;
import dev.baton.database.ReplayResult;
import dev.baton.database.ReplicationStatus;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.drill.DrillWorkflowImpl;
import dev.baton.failover.FailoverPolicy;
import dev.baton.failover.FailoverRequest;
import dev.baton.failover.FailoverResult;
import dev.baton.failover.FailoverWorkflow;
import dev.baton.failover.FailoverWorkflowImpl;
import dev.baton.monitor.MonitorPolicy;
import dev.baton.monitor.MonitorWorkflowImpl;
import dev.baton.notify.NotifyActivities;
import dev.baton.operation.OperationActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.release.ReleasePolicy;
import dev.baton.router.RequestErrors;
import dev.baton.router.RequestLogActivities;
import dev.baton.router.RouterActivities;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import dev.baton.rules.RulesActivities;
import dev.baton.site.SiteActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test Temporal service per test with the failover, monitor and drill workflows and mocked
 * activities: site "primary" is active and down, "secondary" is healthy. Each site's mock is
 * registered on its own site queue only; tests that lose a whole site do not register its worker at
 * all.
 */
public abstract class MockedSitesTestBase {
  protected static final String PROJECT = "shop";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(
              FailoverWorkflowImpl.class, MonitorWorkflowImpl.class, DrillWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  protected final OperationActivities operations = mockActivity(OperationActivities.class);
  protected final RulesActivities rules = mockActivity(RulesActivities.class);
  protected final RouterActivities router = mockActivity(RouterActivities.class);
  protected final ProbeActivities probe = mockActivity(ProbeActivities.class);
  protected final DatabaseActivities database = mockActivity(DatabaseActivities.class);
  protected final NotifyActivities notify = mockActivity(NotifyActivities.class);
  protected final SiteActivities primary = mockActivity(SiteActivities.class);
  protected final SiteActivities secondary = mockActivity(SiteActivities.class);
  protected final SiteDatabaseActivities primaryDatabase =
      mockActivity(SiteDatabaseActivities.class);
  protected final SiteDatabaseActivities secondaryDatabase =
      mockActivity(SiteDatabaseActivities.class);
  protected final RequestLogActivities requestLog = mockActivity(RequestLogActivities.class);

  /** Sites whose probes fail. */
  protected final Set<String> down = ConcurrentHashMap.newKeySet();

  protected TestWorkflowEnvironment env;
  protected Worker worker;

  @BeforeEach
  protected void setUpWorld(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.worker = worker;
    worker.registerActivitiesImplementations(
        operations, router, probe, database, notify, requestLog, rules);
    when(rules.read(any())).thenReturn(TestRules.of(PROJECT, null, null, null, null));
    down.add("primary");
    when(operations.preempt(any())).thenReturn("");
    when(operations.running(any())).thenReturn("");
    when(requestLog.requestErrors(any()))
        .thenReturn(new RequestErrors(true, 1532, 0, "0 of 1532 requests failed"));
    when(router.currentTarget(any())).thenReturn("primary");
    when(router.switchTo(any()))
        .thenAnswer(
            call -> {
              String to = call.<SwitchRequest>getArgument(0).toSite();
              when(router.currentTarget(any())).thenReturn(to);
              return new SwitchResult(to, 120, "ok");
            });
    when(probe.probe(any()))
        .thenAnswer(
            call -> {
              String site = call.<ProbeRequest>getArgument(0).siteId();
              return down.contains(site)
                  ? new ProbeResult(site, false, 2, Map.of("api", "connection refused"))
                  : new ProbeResult(site, true, 2, Map.of());
            });
    when(database.fence(any())).thenReturn(new FenceResult("0/3000148", 2, false));
    when(database.awaitReplay(any())).thenReturn(new ReplayResult(15, "0/3000148"));
    when(database.promote(any())).thenReturn(new PromoteResult(true, 480, "promoted"));
    when(database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 0, 0, "streaming, 0 B behind"));
  }

  /** Registers the site workers (call before start; leave one out to lose that site's worker). */
  protected void siteWorkers(String... siteIds) {
    for (String id : siteIds) {
      env.newWorker(Names.siteQueue(PROJECT, id))
          .registerActivitiesImplementations(
              id.equals("primary") ? primary : secondary,
              id.equals("primary") ? primaryDatabase : secondaryDatabase);
    }
  }

  protected static FailoverPolicy policy(boolean replicated) {
    return new FailoverPolicy(
        3, Duration.ofSeconds(2), Duration.ofSeconds(5), List.of("worker"), replicated);
  }

  protected static FailoverRequest request(FailoverPolicy policy) {
    return new FailoverRequest(
        PROJECT,
        List.of("primary", "secondary"),
        null,
        false,
        "dc1 lost power",
        "carol",
        policy,
        null,
        null,
        0);
  }

  /** What the control worker answers when a workflow reads its rules, given whole. */
  protected void controlRules(dev.baton.rules.ControlRules answer) {
    when(rules.read(any())).thenReturn(answer);
  }

  /** What the control worker answers when a workflow reads its rules; null keeps a default. */
  protected void controlRules(
      ReleasePolicy release, FailoverPolicy failover, MonitorPolicy monitor, Duration drillBake) {
    when(rules.read(any()))
        .thenReturn(TestRules.of(PROJECT, release, failover, monitor, drillBake));
  }

  protected FailoverWorkflow stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            FailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(Names.failoverWorkflowId(PROJECT))
                .build());
  }

  /** Runs a failover to its end; returns the stub (its progress is the final report). */
  protected FailoverWorkflow run(FailoverRequest request) {
    controlRules(null, request.policy(), null, null);
    env.start();
    FailoverWorkflow failover = stub();
    WorkflowClient.start(failover::run, request);
    try {
      env.getWorkflowClient()
          .newUntypedWorkflowStub(Names.failoverWorkflowId(PROJECT))
          .getResult(FailoverResult.class);
    } catch (RuntimeException expectedForFailures) {
      // The tests assert the outcome through the progress query.
    }
    return failover;
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
