package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.ComposeConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.TestConfigs;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.smoke.SmokeActivities;
import dev.baton.smoke.SmokeCheck;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import dev.baton.testing.Fault;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service smoke tests on a real engine with the real Compose CLI: the deploy builds the profiled
 * services but starts none of them; {@code compose run --rm} then runs one, and its exit code and
 * output tail are the verdict.
 */
class ServiceSmokeTest {
  private static final String PROJECT = "smoketest";
  @TempDir static Path dir;
  private static LocalEngine engine;
  private static DockerSiteActivities activities;
  private TestActivityEnvironment env;
  private SmokeActivities smoke;

  @BeforeAll
  static void deployOnce() throws IOException {
    LocalEngine.assumeAvailable(ServiceSmokeTest.class);
    engine = LocalEngine.start(dir.resolve("env"), "smoke");
    SiteConfig site = site();
    activities = new DockerSiteActivities(config(site), site);
    TestActivityEnvironment deploy = TestActivityEnvironment.newInstance();
    try {
      deploy.registerActivitiesImplementations(activities);
      DeployResult result =
          deploy
              .newActivityStub(SiteActivities.class, options(Duration.ofMinutes(3)))
              .deploy(new DeployRequest("shop", "dc2", "v1", Role.STANDBY));
      // The smoke services have a profile: built with the version, never started by the deploy.
      assertThat(result.images()).containsOnlyKeys("app");
    } finally {
      deploy.close();
    }
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      docker("rm", "-f", "-v", PROJECT + "_app_1", PROJECT + "-app-1");
      engine.close();
    }
  }

  @BeforeEach
  void activityEnvironment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    smoke = env.newActivityStub(SmokeActivities.class, options(Duration.ofMinutes(1)));
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static SmokeRequest request(String service, Duration timeout) {
    return new SmokeRequest(
        "shop",
        "dc2",
        "v1",
        new SmokeCheck("check-" + service, SmokeKind.SERVICE, service, timeout));
  }

  @Test
  void aServiceThatExitsZeroPassesAndItsOutputIsKept() {
    SmokeResult result = smoke.smoke(request("passing", Duration.ofMinutes(1)));

    assertThat(result.passed()).isTrue();
    assertThat(result.summary()).isEqualTo("exit 0");
    assertThat(result.output()).contains("3 orders listed by v1");
    assertThat(oneOffContainers()).isEmpty();
  }

  @Test
  @Fault(
      dependency = "smoke test",
      fault = "the smoke service exits non-zero on the standby",
      outcome = "a failed result with its exit code and output tail (no retry); container removed")
  void aServiceThatExitsNonZeroFailsWithItsExitCodeAndOutput() {
    SmokeResult result = smoke.smoke(request("failing", Duration.ofMinutes(1)));

    assertThat(result.passed()).isFalse();
    assertThat(result.summary()).isEqualTo("exit 3");
    assertThat(result.output()).contains("no orders: checkout answered 500");
    assertThat(oneOffContainers()).isEmpty();
  }

  @Test
  @Fault(
      dependency = "smoke test",
      fault = "the smoke service outlives its timeout",
      outcome = "a failed result saying so; Compose killed and the one-off container removed")
  void aServiceThatOutlivesItsTimeoutFailsAndItsContainerIsRemoved() {
    SmokeResult result = smoke.smoke(request("hanging", Duration.ofSeconds(3)));

    assertThat(result.passed()).isFalse();
    assertThat(result.summary())
        .isEqualTo("did not end within 3 s; stopped and its container removed");
    assertThat(oneOffContainers()).isEmpty();
  }

  @Test
  void aServiceTheComposeFilesDoNotDefineIsABadConfigNamingTheServices() {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> smoke.smoke(request("absent", Duration.ofMinutes(1))));

    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "dc2: smoke test check-absent runs service 'absent', which the compose files do not"
                + " define (they define: app, passing, failing, hanging)");
  }

  private static List<String> oneOffContainers() {
    String ids = docker("ps", "-aq", "--filter", "label=com.docker.compose.oneoff=True");
    return ids.isEmpty() ? List.of() : List.of(ids.split("\n"));
  }

  private static ActivityOptions options(Duration timeout) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  private static BatonConfig config(SiteConfig site) {
    return TestConfigs.withRelease(dir.resolve("baton.yml"), List.of(site), List.of());
  }

  /** An app that runs, and three profiled one-off services: one passes, one fails, one hangs. */
  private static SiteConfig site() throws IOException {
    Path work = Files.createDirectories(dir.resolve(PROJECT));
    Files.copy(Path.of("/bin/busybox"), work.resolve("busybox"));
    Files.writeString(
        work.resolve("Dockerfile"),
        """
        FROM scratch
        COPY busybox /bin/busybox
        CMD ["/bin/busybox", "sleep", "3600"]
        """);
    Files.writeString(
        work.resolve("docker-compose.yml"),
        """
        x-image: &image
          image: smoke-app:${VERSION}
          network_mode: host
        services:
          app:
            <<: *image
            build:
              context: .
              network: host
          passing:
            <<: *image
            profiles: [smoke]
            command: ["/bin/busybox", "sh", "-c", "echo starting; echo 3 orders listed by $$VERSION"]
            environment: [VERSION]
          failing:
            <<: *image
            profiles: [smoke]
            command: ["/bin/busybox", "sh", "-c", "echo 'no orders: checkout answered 500' >&2; exit 3"]
          hanging:
            <<: *image
            profiles: [smoke]
            command: ["/bin/busybox", "sleep", "600"]
        """);
    return new SiteConfig(
        "dc2",
        "dc2",
        engine.endpoint,
        new ComposeConfig(work, List.of("docker-compose.yml"), null, PROJECT),
        null,
        Map.of(),
        null,
        null);
  }

  private static String docker(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("docker", "-H", engine.endpoint));
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(30));
    return result.output().strip();
  }
}
