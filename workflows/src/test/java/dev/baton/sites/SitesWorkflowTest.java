package dev.baton.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.DatabaseRoleResult;
import dev.baton.database.ReplicationStatus;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.router.RouterActivities;
import dev.baton.site.SiteActivities;
import dev.baton.site.SiteState;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read-only look at both sites, with mocked activities on the control and site queues. */
class SitesWorkflowTest {
  private static final String PROJECT = "shop";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SitesWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final RouterActivities router = mockActivity(RouterActivities.class);
  private final ProbeActivities probe = mockActivity(ProbeActivities.class);
  private final DatabaseActivities database = mockActivity(DatabaseActivities.class);
  private final SiteActivities primary = mockActivity(SiteActivities.class);
  private final SiteActivities secondary = mockActivity(SiteActivities.class);
  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.worker = worker;
    worker.registerActivitiesImplementations(router, probe, database);
    when(router.currentTarget(any())).thenReturn("primary");
    when(probe.probe(any()))
        .thenAnswer(
            call -> {
              String site = call.<ProbeRequest>getArgument(0).siteId();
              return site.equals("primary")
                  ? new ProbeResult(site, true, 2, Map.of())
                  : new ProbeResult(site, false, 2, Map.of("api", "connection refused"));
            });
    when(database.role(any()))
        .thenAnswer(
            call ->
                call.<DatabaseRequest>getArgument(0).siteId().equals("primary")
                    ? new DatabaseRoleResult(true, false, false, "0/3000148", "primary")
                    : new DatabaseRoleResult(true, true, false, "0/3000100", "replica"));
    when(database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 72, 150, "streaming, 72 B behind (0.2s)"));
    when(primary.describe(any()))
        .thenReturn(
            new SiteState(
                "primary",
                Map.of("api", "v2", "worker", "v2"),
                true,
                "api healthy (v2), worker running (v2)",
                Map.of("api", "healthy", "worker", "running")));
    when(secondary.describe(any()))
        .thenReturn(
            new SiteState(
                "secondary",
                Map.of("api", "v2"),
                false,
                "api exited (1) (v2)",
                Map.of("api", "exited (1)")));
  }

  @Test
  void bothSitesTheirRolesVersionsHealthAndTheReplicasLag() {
    siteWorkers("primary", "secondary");
    SitesReport report = run(true);

    assertThat(report.routerTarget()).isEqualTo("primary");
    assertThat(report.routerProblem()).isEmpty();
    SiteReport p = report.sites().get(0);
    SiteReport s = report.sites().get(1);
    assertThat(p)
        .isEqualTo(
            new SiteReport(
                "primary",
                "active",
                true,
                Map.of("api", "v2", "worker", "v2"),
                Map.of("api", "healthy", "worker", "running"),
                true,
                "api healthy (v2), worker running (v2)",
                true,
                "2 app(s) healthy",
                "primary at 0/3000148",
                ""));
    assertThat(s.role()).isEqualTo("standby");
    assertThat(s.containers()).containsEntry("api", "exited (1)");
    assertThat(s.containersReady()).isFalse();
    assertThat(s.probeHealthy()).isFalse();
    assertThat(s.probe()).isEqualTo("api: connection refused");
    assertThat(s.database()).isEqualTo("replica at 0/3000100");
    assertThat(s.replication()).isEqualTo("streaming, 72 B behind (0.2s)");
  }

  @Test
  void aSiteWhoseWorkerIsGoneIsUnreachableNotAFailure() {
    siteWorkers("primary"); // nothing serves secondary's queue
    SitesReport report = run(false);

    SiteReport s = report.sites().get(1);
    assertThat(s.reachable()).isFalse();
    assertThat(s.versions()).isEmpty();
    assertThat(s.siteDetail())
        .isEqualTo(
            "unreachable: no answer within 6s (is `baton worker --site secondary` running next to"
                + " its Docker engine?)");
    assertThat(s.database()).as("database mode is not replicated").isEmpty();
    assertThat(report.sites().get(0).reachable()).isTrue();
  }

  @Test
  void aRouterThatDoesNotAnswerLeavesTheRolesUnknown() {
    when(router.currentTarget(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "nginx: upstream file missing", FailureKind.BAD_CONFIG.type()));
    when(primary.describe(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "primary: cannot reach Docker at unix:///run/primary.sock",
                FailureKind.DEPLOY_FAILED.type()));
    siteWorkers("primary", "secondary");
    SitesReport report = run(false);

    assertThat(report.routerTarget()).isNull();
    assertThat(report.routerProblem()).isEqualTo("nginx: upstream file missing");
    assertThat(report.sites()).extracting(SiteReport::role).containsExactly("unknown", "unknown");
    assertThat(report.sites().get(0).siteDetail())
        .isEqualTo("unreachable: primary: cannot reach Docker at unix:///run/primary.sock");
  }

  /**
   * A look lasts seconds, so no history is committed for it (a deploy of new baton code in the
   * middle of one costs one look): this checks that what it recorded replays, and that a change in
   * the order of its calls would be caught.
   */
  @Test
  void itsHistoryReplaysAndAnotherOrderOfCallsIsDetected() throws Exception {
    siteWorkers("primary", "secondary");
    run(true);
    WorkflowExecutionHistory history =
        env.getWorkflowClient().fetchHistory("baton-sites-shop-test");
    WorkflowReplayer.replayWorkflowExecution(history, SitesWorkflowImpl.class);
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, ProbesFirst.class))
        .hasMessageContaining(NonDeterministicException.class.getName());
  }

  /** A deliberately incompatible change: it probes a site before asking the router. */
  public static class ProbesFirst extends SitesWorkflowImpl {
    @Override
    public SitesReport run(SitesRequest request) {
      Workflow.newActivityStub(
              ProbeActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(java.time.Duration.ofSeconds(5))
                  .build())
          .probe(new ProbeRequest(request.project(), "primary"));
      return super.run(request);
    }
  }

  private SitesReport run(boolean replicated) {
    env.start();
    SitesWorkflow sites =
        env.getWorkflowClient()
            .newWorkflowStub(
                SitesWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId("baton-sites-shop-test")
                    .build());
    return sites.run(new SitesRequest(PROJECT, List.of("primary", "secondary"), replicated));
  }

  private void siteWorkers(String... siteIds) {
    for (String id : siteIds) {
      env.newWorker(Names.siteQueue(PROJECT, id))
          .registerActivitiesImplementations(id.equals("primary") ? primary : secondary);
    }
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
