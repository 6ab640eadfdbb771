package dev.baton.release;

import dev.baton.testing.PolicyCopy;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the history that {@link ReleaseReplayTest} replays. Run it again only when a change to the
 * workflow is meant to be incompatible with running releases (and then say so), or to record a new
 * history for a new {@code Workflow.getVersion} (pass its resource path, e.g. {@value #PARALLEL}):
 *
 * <pre>mvn -pl workflows test-compile dependency:build-classpath -Dmdep.outputFile=target/cp
 * java -cp workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/cp) \
 *     dev.baton.release.ReleaseHistoryRecorder</pre>
 */
public final class ReleaseHistoryRecorder {
  /** Recorded when the queue-worker handover ran after the router switch (version DEFAULT). */
  static final String HAPPY_PATH = "/histories/release-happy-path.json";

  /** Recorded with {@link dev.baton.switchover.TrafficMover#PARALLEL_HANDOVER} version 1. */
  static final String PARALLEL = "/histories/release-parallel-handover.json";

  /**
   * Recorded with {@link ReleaseSwitch#WEIGHTED_SHIFT} version 1 and {@code shift: [10, 50, 100]}:
   * pass this path and {@code shift}.
   */
  static final String WEIGHTED = "/histories/release-weighted-shift.json";

  /** Recorded with {@link dev.baton.rules.ControlPlane#CHANGE_ID} version 1: rules read at plan. */
  static final String CONTROL_PLANE_RULES = "/histories/release-control-plane-rules.json";

  /**
   * Recorded with {@link SmokeTests#CHANGE_ID} version 1 and a service and an HTTP smoke test: pass
   * this path and {@code smoke}.
   */
  static final String SMOKE_TESTS = "/histories/release-smoke-tests.json";

  /**
   * Recorded with {@link ImagePublish#CHANGE_ID} version 1 and {@code images.mode: registry}: pass
   * this path and {@code registry}.
   */
  static final String REGISTRY_IMAGES = "/histories/release-registry-images.json";

  /**
   * Recorded with {@link SchemaMigration#CHANGE_ID} version 1 and {@code release.migrate}: pass
   * this path and {@code migrate}.
   */
  static final String MIGRATION = "/histories/release-migration.json";

  private ReleaseHistoryRecorder() {}

  public static void main(String[] args) throws Exception {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      var worker = env.newWorker("baton.shop.control");
      worker.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
      ReleaseTestRig rig = new ReleaseTestRig(env, worker);
      ReleasePolicy policy = ReleaseTestRig.policy(List.of("switch"));
      if (args.length > 1 && args[1].equals("shift")) {
        policy =
            PolicyCopy.of(policy)
                .shift(List.of(10, 50, 100), java.time.Duration.ofSeconds(5))
                .build();
        org.mockito.Mockito.when(rig.router.shift(org.mockito.ArgumentMatchers.any()))
            .thenAnswer(
                call -> {
                  dev.baton.router.ShiftRequest r = call.getArgument(0);
                  return new dev.baton.router.ShiftResult(r.toSite(), r.percent(), 7, "ok");
                });
      }
      if (args.length > 1 && args[1].equals("smoke")) {
        policy = withSmokeTests(rig, policy);
      }
      if (args.length > 1 && args[1].equals("registry")) {
        policy = withRegistry(rig, policy);
      }
      if (args.length > 1 && args[1].equals("migrate")) {
        org.mockito.Mockito.when(rig.primaryMigrate.migrate(org.mockito.ArgumentMatchers.any()))
            .thenAnswer(
                call -> {
                  dev.baton.migrate.MigrateRequest r = call.getArgument(0);
                  return new dev.baton.migrate.MigrateResult(
                      r.service(), r.siteId(), true, 0, "exit 0", "applied", 100, "c", false);
                });
        policy =
            PolicyCopy.of(policy)
                .migrate(
                    new dev.baton.migrate.MigrateStep("migrate", java.time.Duration.ofMinutes(10)))
                .build();
      }
      ReleaseWorkflow release = rig.start(ReleaseTestRig.request(policy));
      ReleaseTestRig.awaitWaitingFor(release, "switch");
      release.approve(new ApprovalRequest("switch", "alice", "recorded"));
      rig.stub().run(null);
      String json =
          env.getWorkflowClient()
              .fetchHistory(dev.baton.Names.releaseWorkflowId("shop"))
              .toJson(true);
      Path out = Path.of("workflows/src/test/resources" + (args.length > 0 ? args[0] : HAPPY_PATH));
      Files.createDirectories(out.getParent());
      Files.writeString(out, json);
      System.out.println("wrote " + out);
    } finally {
      env.close();
    }
  }

  private static ReleasePolicy withSmokeTests(ReleaseTestRig rig, ReleasePolicy policy) {
    org.mockito.stubbing.Answer<dev.baton.smoke.SmokeResult> passed =
        call -> {
          dev.baton.smoke.SmokeCheck c = call.<dev.baton.smoke.SmokeRequest>getArgument(0).check();
          return new dev.baton.smoke.SmokeResult(
              c.name(), c.kind(), c.target(), true, "exit 0", "ok", 100);
        };
    org.mockito.Mockito.when(rig.secondarySmoke.smoke(org.mockito.ArgumentMatchers.any()))
        .thenAnswer(passed);
    org.mockito.Mockito.when(rig.smokeHttp.smoke(org.mockito.ArgumentMatchers.any()))
        .thenAnswer(passed);
    return PolicyCopy.of(policy)
        .smoke(
            List.of(
                new dev.baton.smoke.SmokeCheck(
                    "e2e",
                    dev.baton.smoke.SmokeKind.SERVICE,
                    "smoke",
                    java.time.Duration.ofMinutes(5)),
                new dev.baton.smoke.SmokeCheck(
                    "orders",
                    dev.baton.smoke.SmokeKind.HTTP,
                    "api",
                    java.time.Duration.ofSeconds(10))))
        .build();
  }

  private static ReleasePolicy withRegistry(ReleaseTestRig rig, ReleasePolicy policy) {
    java.util.Map<String, String> images =
        java.util.Map.of("api", "127.0.0.1:5000/shop/api@sha256:" + "a".repeat(64));
    org.mockito.Mockito.when(rig.secondaryImages.publish(org.mockito.ArgumentMatchers.any()))
        .thenReturn(new dev.baton.images.PublishResult("secondary", "v2", images, "pushed"));
    org.mockito.Mockito.when(rig.secondaryImages.running(org.mockito.ArgumentMatchers.any()))
        .thenReturn(
            new dev.baton.images.RunningImages("secondary", java.util.Map.of("api", "v2"), images));
    return PolicyCopy.of(policy)
        .images(
            new dev.baton.images.ImagePolicy(
                dev.baton.images.ImageMode.REGISTRY, "127.0.0.1:5000", true))
        .build();
  }
}
