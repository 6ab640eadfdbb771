package dev.baton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.Names;
import dev.baton.router.RouterActivities;
import dev.baton.site.DeployResult;
import dev.baton.site.SiteActivities;
import dev.baton.testing.Fault;
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

  /** Starts a deploy of {@code site}; the caller waits for it (or moves the clock first). */
  private WorkflowStub start(
      TestWorkflowEnvironment env, Worker worker, String site, Duration waitForWorker) {
    worker.registerActivitiesImplementations(router);
    env.newWorker(Names.siteQueue("shop", "primary")).registerActivitiesImplementations(primary);
    when(router.currentTarget(any())).thenReturn("primary");
    env.start();
    DeployWorkflow deploy =
        env.getWorkflowClient()
            .newWorkflowStub(
                DeployWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).build());
    WorkflowClient.start(
        deploy::run,
        new SiteDeployRequest("shop", site, "v2", Duration.ofMinutes(5), waitForWorker));
    return WorkflowStub.fromTyped(deploy);
  }

  @Test
  void theSiteWorkerDeploysWithTheRoleTheRouterGives(TestWorkflowEnvironment env, Worker worker) {
    when(primary.deploy(any()))
        .thenAnswer(
            call -> new DeployResult("primary", "v2", Map.of(), true, "deployed as active"));
    assertThat(start(env, worker, "primary", null).getResult(DeployResult.class).message())
        .isEqualTo("deployed as active");
  }

  @Test
  @Fault(
      dependency = "site id",
      fault = "unknown site given to a deploy through the API",
      outcome =
          "DEPLOY_FAILED once no worker of the site took it (10 minutes by default), naming the site")
  void aSiteThatNoWorkerServesFailsAfterTheWaitInsteadOfHanging(
      TestWorkflowEnvironment env, Worker worker) {
    // "primay": a typo through the API, which the CLI would have refused. A short wait: the test
    // service does not skip time while an activity task waits in a queue.
    WorkflowStub deploy = start(env, worker, "primay", Duration.ofSeconds(2));
    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> deploy.getResult(DeployResult.class), WorkflowFailedException.class);
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo("DEPLOY_FAILED");
    assertThat(cause.getOriginalMessage())
        .isEqualTo(
            "no worker of site primay took the deploy within 2s: is its site worker running"
                + " (baton worker --site primay), and is primay a site of shop?");
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
