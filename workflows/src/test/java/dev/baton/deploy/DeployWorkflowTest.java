package dev.baton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.Names;
import dev.baton.operation.OperationActivities;
import dev.baton.operation.RunningRequest;
import dev.baton.router.RouterActivities;
import dev.baton.rules.RulesActivities;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.SiteActivities;
import dev.baton.testing.Fault;
import dev.baton.testing.TestRules;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `baton deploy` outside a release, as the CLI or Temporal's API starts it. */
class DeployWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DeployWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final RouterActivities router = mockActivity(RouterActivities.class);
  private final SiteActivities primary = mockActivity(SiteActivities.class);
  private final OperationActivities operations = mockActivity(OperationActivities.class);
  private final RulesActivities rules = mockActivity(RulesActivities.class);

  @BeforeEach
  void healthyWorld() {
    when(router.currentTarget(any())).thenReturn("primary");
    when(rules.read(any())).thenReturn(TestRules.release("shop", TestRules.release()));
    when(operations.running(any())).thenReturn("");
  }

  /** Starts a deploy of {@code site} under {@code workflowId}; the caller waits for it. */
  private WorkflowStub start(
      TestWorkflowEnvironment env,
      Worker worker,
      String site,
      String workflowId,
      Duration deployTimeout,
      Duration waitForWorker) {
    worker.registerActivitiesImplementations(router, operations, rules);
    env.newWorker(Names.siteQueue("shop", "primary")).registerActivitiesImplementations(primary);
    env.start();
    DeployWorkflow deploy =
        env.getWorkflowClient()
            .newWorkflowStub(
                DeployWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(workflowId)
                    .build());
    WorkflowClient.start(
        deploy::run, new SiteDeployRequest("shop", site, "v2", deployTimeout, waitForWorker));
    return WorkflowStub.fromTyped(deploy);
  }

  private WorkflowStub start(
      TestWorkflowEnvironment env, Worker worker, String site, Duration waitForWorker) {
    return start(
        env,
        worker,
        site,
        Names.deployWorkflowId("shop", site),
        Duration.ofMinutes(5),
        waitForWorker);
  }

  private static ApplicationFailure failureOf(WorkflowStub deploy) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> deploy.getResult(DeployResult.class), WorkflowFailedException.class);
    return (ApplicationFailure) failed.getCause();
  }

  @Test
  void theSiteWorkerDeploysWithTheRoleTheRouterGives(TestWorkflowEnvironment env, Worker worker) {
    when(primary.deploy(any()))
        .thenAnswer(
            call -> new DeployResult("primary", "v2", Map.of(), true, "deployed as active"));
    assertThat(start(env, worker, "primary", null).getResult(DeployResult.class).message())
        .isEqualTo("deployed as active");
    verify(operations)
        .running(new RunningRequest("shop", Names.deployWorkflowId("shop", "primary")));
  }

  @Test
  @Fault(
      dependency = "site id",
      fault = "unknown site given to a deploy through the API",
      outcome = "BAD_REQUEST at once, naming the control worker's sites; nothing deployed")
  void anUnknownSiteIsRefusedAtOnceNamingTheControlWorkersSites(
      TestWorkflowEnvironment env, Worker worker) {
    // "primay": a typo through the API, which the CLI would have refused.
    ApplicationFailure cause =
        failureOf(
            start(env, worker, "primay", "baton-deploy-shop-primay", Duration.ofMinutes(5), null));
    assertThat(cause.getType()).isEqualTo("BAD_REQUEST");
    assertThat(cause.getOriginalMessage())
        .isEqualTo("unknown site \"primay\" (sites of shop: primary, secondary)");
  }

  @Test
  @Fault(
      dependency = "site worker",
      fault = "no worker serves the site a deploy names",
      outcome =
          "DEPLOY_FAILED once no worker of the site took it (10 minutes by default), naming the site")
  void aSiteThatNoWorkerServesFailsAfterTheWaitInsteadOfHanging(
      TestWorkflowEnvironment env, Worker worker) {
    // secondary is a site of the project, but its worker is not running. A short wait: the test
    // service does not skip time while an activity task waits in a queue.
    ApplicationFailure cause = failureOf(start(env, worker, "secondary", Duration.ofSeconds(2)));
    assertThat(cause.getType()).isEqualTo("DEPLOY_FAILED");
    assertThat(cause.getOriginalMessage())
        .isEqualTo(
            "no worker of site secondary took the deploy within 2s: is its site worker running"
                + " (baton worker --site secondary), and is secondary a site of shop?");
  }

  @Test
  void aDeployWhileAReleaseRunsIsRefusedNamingItAndDeploysNothing(
      TestWorkflowEnvironment env, Worker worker) {
    when(operations.running(any())).thenReturn("release v3 (step bake)");
    ApplicationFailure cause = failureOf(start(env, worker, "primary", null));
    assertThat(cause.getType()).isEqualTo("BUSY");
    assertThat(cause.getOriginalMessage())
        .isEqualTo("not now: release v3 (step bake) (deploy when it has ended)");
    verify(primary, never()).deploy(any(DeployRequest.class));
  }

  @Test
  void theControlWorkersDeployTimeoutHoldsNotTheInputs(TestWorkflowEnvironment env, Worker worker) {
    // The input asks for 1 second, which would fail every real deploy; the rules say 10 minutes.
    when(primary.deploy(any()))
        .thenAnswer(
            call -> {
              Thread.sleep(1500);
              return new DeployResult("primary", "v2", Map.of(), true, "deployed");
            });
    WorkflowStub deploy =
        start(
            env,
            worker,
            "primary",
            Names.deployWorkflowId("shop", "primary"),
            Duration.ofSeconds(1),
            null);
    assertThat(deploy.getResult(DeployResult.class).message()).isEqualTo("deployed");
  }

  @Test
  void aDeployUnderAnotherWorkflowIdIsRefusedBeforeItTouchesTheSite(
      TestWorkflowEnvironment env, Worker worker) {
    ApplicationFailure cause =
        failureOf(start(env, worker, "primary", "my-deploy", Duration.ofMinutes(5), null));
    assertThat(cause.getType()).isEqualTo("BAD_REQUEST");
    assertThat(cause.getOriginalMessage())
        .isEqualTo(
            "this workflow must run as baton-deploy-shop-primary, not \"my-deploy\": one"
                + " operation per project at a time rests on that id");
    verify(primary, never()).deploy(any(DeployRequest.class));
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
