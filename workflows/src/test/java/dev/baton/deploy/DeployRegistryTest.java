package dev.baton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.images.ImageActivities;
import dev.baton.images.ImageMode;
import dev.baton.images.ImagePolicy;
import dev.baton.images.PublishRequest;
import dev.baton.images.PublishResult;
import dev.baton.images.RunningImages;
import dev.baton.operation.OperationActivities;
import dev.baton.router.RouterActivities;
import dev.baton.rules.RulesActivities;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.Role;
import dev.baton.site.SiteActivities;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
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

/** `baton deploy` in {@code images.mode: registry}: by digest, never other bits of a version. */
class DeployRegistryTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DeployWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final String REGISTRY = "127.0.0.1:5000";
  private static final String API = REGISTRY + "/shop/api@sha256:" + "a".repeat(64);
  private static final String OLD_API = REGISTRY + "/shop/api@sha256:" + "b".repeat(64);

  private final RouterActivities router = mockActivity(RouterActivities.class);
  private final OperationActivities operations = mockActivity(OperationActivities.class);
  private final RulesActivities rules = mockActivity(RulesActivities.class);
  private final SiteActivities primary = mockActivity(SiteActivities.class);
  private final ImageActivities primaryImages = mockActivity(ImageActivities.class);
  private final ImageActivities secondaryImages = mockActivity(ImageActivities.class);

  @BeforeEach
  void registryMode() {
    when(router.currentTarget(any())).thenReturn("secondary");
    when(operations.running(any())).thenReturn("");
    when(rules.read(any()))
        .thenReturn(
            TestRules.release(
                "shop",
                PolicyCopy.of(TestRules.release())
                    .images(new ImagePolicy(ImageMode.REGISTRY, REGISTRY, true))
                    .build()));
    // The tag v2 names API in the registry now.
    when(primaryImages.publish(any()))
        .thenReturn(new PublishResult("primary", "v2", Map.of("api", API), "resolved"));
    when(primary.deploy(any()))
        .thenAnswer(call -> new DeployResult("primary", "v2", Map.of(), true, "deployed"));
  }

  private WorkflowStub start(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(router, operations, rules);
    env.newWorker(Names.siteQueue("shop", "primary"))
        .registerActivitiesImplementations(primary, primaryImages);
    env.newWorker(Names.siteQueue("shop", "secondary"))
        .registerActivitiesImplementations(secondaryImages);
    env.start();
    DeployWorkflow deploy =
        env.getWorkflowClient()
            .newWorkflowStub(
                DeployWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(Names.deployWorkflowId("shop", "primary"))
                    .build());
    WorkflowClient.start(
        deploy::run, new SiteDeployRequest("shop", "primary", "v2", Duration.ofMinutes(5)));
    return WorkflowStub.fromTyped(deploy);
  }

  @Test
  void theTagIsResolvedInTheRegistryAndTheSiteDeploysThatDigest(
      TestWorkflowEnvironment env, Worker worker) {
    when(secondaryImages.running(any()))
        .thenReturn(new RunningImages("secondary", Map.of("api", "v1"), Map.of("api", OLD_API)));

    assertThat(start(env, worker).getResult(DeployResult.class).message()).isEqualTo("deployed");

    verify(primaryImages).publish(new PublishRequest("shop", "primary", "v2", REGISTRY, false));
    // The other site runs v1: other bits of another version are no mismatch.
    verify(primary)
        .deploy(new DeployRequest("shop", "primary", "v2", Role.STANDBY, Map.of("api", API)));
  }

  @Test
  @Fault(
      dependency = "registry",
      fault = "a deploy's tag now names other digests than the other site runs for that version",
      outcome = "IMAGE_MISMATCH, naming service, site and both digests; nothing deployed")
  void aTagRePushedSinceTheOtherSiteDeployedTheVersionIsRefused(
      TestWorkflowEnvironment env, Worker worker) {
    when(secondaryImages.running(any()))
        .thenReturn(new RunningImages("secondary", Map.of("api", "v2"), Map.of("api", OLD_API)));

    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> start(env, worker).getResult(DeployResult.class), WorkflowFailedException.class);
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();

    assertThat(cause.getType()).isEqualTo(FailureKind.IMAGE_MISMATCH.type());
    assertThat(cause.getOriginalMessage())
        .isEqualTo(
            "deploy refused: primary would run other images of v2 than secondary runs: api on"
                + " secondary runs sha256:"
                + "b".repeat(64)
                + ", but v2 is sha256:"
                + "a".repeat(64)
                + " (the registry's tag now); nothing was deployed");
    verify(primary, never()).deploy(any());
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
