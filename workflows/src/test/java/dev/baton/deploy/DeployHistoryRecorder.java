package dev.baton.deploy;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.Names;
import dev.baton.images.ImageActivities;
import dev.baton.images.ImageMode;
import dev.baton.images.ImagePolicy;
import dev.baton.images.PublishResult;
import dev.baton.images.RunningImages;
import dev.baton.operation.OperationActivities;
import dev.baton.release.ReleasePolicy;
import dev.baton.router.RouterActivities;
import dev.baton.rules.RulesActivities;
import dev.baton.site.DeployResult;
import dev.baton.site.SiteActivities;
import dev.baton.testing.PolicyCopy;
import dev.baton.testing.TestRules;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Writes the histories that {@link DeployReplayTest} replays: a deploy of the standby primary (the
 * router names secondary), with the sites building their own images or, given {@code registry},
 * with {@code images.mode: registry} ({@link RegistryDeploy#CHANGE_ID} version 1: the digest
 * resolved on primary, compared with what secondary runs). Run it again only when a change to the
 * workflow is meant to be incompatible with running deploys (and then say so), or to record a new
 * history for a new {@code Workflow.getVersion}; from the repository's root:
 *
 * <pre>mvn -pl workflows test-compile dependency:build-classpath -Dmdep.outputFile=target/cp
 * java -cp workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/cp) \
 *     dev.baton.deploy.DeployHistoryRecorder registry</pre>
 */
public final class DeployHistoryRecorder {
  /** A deploy whose site builds its own images (no registry: no version marker). */
  static final String SITE_BUILD = "/histories/deploy-site-build.json";

  /** A deploy in {@code images.mode: registry}, recorded with {@code deploy-registry-digests} 1. */
  static final String REGISTRY_DIGESTS = "/histories/deploy-registry-digests.json";

  private static final String API = "127.0.0.1:5000/shop/api@sha256:" + "a".repeat(64);

  private DeployHistoryRecorder() {}

  public static void main(String[] args) throws Exception {
    boolean registry = args.length > 0 && args[0].equals("registry");
    Path out = Path.of("workflows/src/test/resources" + (registry ? REGISTRY_DIGESTS : SITE_BUILD));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Files.writeString(out, deploy(env, registry).toJson(true));
    }
    System.out.println("wrote " + out);
  }

  /** Runs the deploy to its end on mocked activities; returns its history. */
  private static WorkflowExecutionHistory deploy(TestWorkflowEnvironment env, boolean registry) {
    RouterActivities router = mockActivity(RouterActivities.class);
    OperationActivities operations = mockActivity(OperationActivities.class);
    RulesActivities rules = mockActivity(RulesActivities.class);
    SiteActivities primary = mockActivity(SiteActivities.class);
    ImageActivities primaryImages = mockActivity(ImageActivities.class);
    ImageActivities secondaryImages = mockActivity(ImageActivities.class);
    ReleasePolicy policy =
        registry
            ? PolicyCopy.of(TestRules.release())
                .images(new ImagePolicy(ImageMode.REGISTRY, "127.0.0.1:5000", true))
                .build()
            : TestRules.release();
    when(rules.read(any())).thenReturn(TestRules.release("shop", policy));
    when(operations.running(any())).thenReturn("");
    when(router.currentTarget(any())).thenReturn("secondary");
    when(primaryImages.publish(any()))
        .thenReturn(new PublishResult("primary", "v2", Map.of("api", API), "resolved"));
    when(secondaryImages.running(any()))
        .thenReturn(new RunningImages("secondary", Map.of("api", "v2"), Map.of("api", API)));
    when(primary.deploy(any()))
        .thenReturn(new DeployResult("primary", "v2", Map.of(), true, "deployed as standby"));

    // Each queue and what its worker serves; the control queue runs the workflow as well.
    String control = Names.controlQueue("shop");
    Map<String, Object[]> queues =
        Map.of(
            control,
            new Object[] {router, operations, rules},
            Names.siteQueue("shop", "primary"),
            new Object[] {primary, primaryImages},
            Names.siteQueue("shop", "secondary"),
            new Object[] {secondaryImages});
    queues.forEach(
        (queue, served) -> env.newWorker(queue).registerActivitiesImplementations(served));
    env.getWorkerFactory()
        .getWorker(control)
        .registerWorkflowImplementationTypes(DeployWorkflowImpl.class);
    env.start();

    String id = Names.deployWorkflowId("shop", "primary");
    WorkflowOptions options =
        WorkflowOptions.newBuilder().setTaskQueue(control).setWorkflowId(id).build();
    DeployWorkflow deploy = env.getWorkflowClient().newWorkflowStub(DeployWorkflow.class, options);
    DeployResult result =
        deploy.run(new SiteDeployRequest("shop", "primary", "v2", Duration.ofMinutes(5)));
    if (!result.message().equals("deployed as standby")) {
      throw new IllegalStateException("not the deploy meant: " + result);
    }
    return env.getWorkflowClient().fetchHistory(id);
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
