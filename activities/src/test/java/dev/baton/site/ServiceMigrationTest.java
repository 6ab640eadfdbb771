package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.ComposeConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.TestConfigs;
import dev.baton.migrate.MigrateActivities;
import dev.baton.migrate.MigrateRequest;
import dev.baton.migrate.MigrateResult;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations on a real engine with the real Compose CLI: the service runs in a container named
 * after the release's run; an attempt with the same key, even from another worker while the first
 * still runs, waits for that container instead of running the migration again. Each run of a
 * migration service appends a line to a file on the host, which counts the runs.
 */
class ServiceMigrationTest {
  private static final String PROJECT = "migratetest";
  @TempDir static Path dir;
  private static LocalEngine engine;
  private static SiteConfig site;
  private static Path runs;

  @BeforeAll
  static void startEngine() throws IOException {
    LocalEngine.assumeAvailable(ServiceMigrationTest.class);
    engine = LocalEngine.start(dir.resolve("env"), "migrate");
    site = site();
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      String all = docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + PROJECT);
      if (!all.isEmpty()) {
        List<String> rm = new java.util.ArrayList<>(List.of("rm", "-f"));
        rm.addAll(List.of(all.split("\n")));
        docker(rm.toArray(String[]::new));
      }
      engine.close();
    }
  }

  @BeforeEach
  void noRunsYet() throws IOException {
    Files.writeString(runs, "");
  }

  private static MigrateRequest request(String service, Duration timeout, String key) {
    return new MigrateRequest("shop", "dc1", "v2", service, timeout, key);
  }

  /** The activity as one worker runs it, each with its own compose slot, like a real worker. */
  private static MigrateResult migrate(MigrateRequest request) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new DockerSiteActivities(config(), site));
      return env.newActivityStub(MigrateActivities.class, options()).migrate(request);
    } finally {
      env.close();
    }
  }

  @Test
  void aSecondAttemptWithTheSameKeyReadsTheFirstOnesResultAndDoesNotRunItAgain() throws Exception {
    MigrateRequest request = request("migrate", Duration.ofMinutes(1), "baton-release-shop/run-1");

    MigrateResult first = migrate(request);
    MigrateResult second = migrate(request);

    assertThat(first.passed()).isTrue();
    assertThat(first.attached()).isFalse();
    assertThat(first.output()).contains("applied 002 for v2");
    assertThat(first.container())
        .isEqualTo(ServiceMigration.containerName(PROJECT, "baton-release-shop/run-1"))
        .matches(PROJECT + "-migrate-[0-9a-f]{12}");
    assertThat(second.attached()).isTrue();
    assertThat(second.exitCode()).isZero();
    assertThat(second.output()).isEqualTo(first.output());
    assertThat(Files.readAllLines(runs)).as("runs of the migration service").hasSize(1);
    // Kept until the next migration, and not counted as a service of the site.
    assertThat(new DockerSite(site, DockerClients.create(site)).services())
        .doesNotContainKey("migrate");
  }

  @Test
  void anAttemptOfAnotherWorkerWhileTheFirstRunsWaitsForItsContainer() throws Exception {
    MigrateRequest request = request("slow", Duration.ofMinutes(1), "baton-release-shop/run-2");

    CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> migrate(request));
    awaitContainer(ServiceMigration.containerName(PROJECT, request.key()));
    MigrateResult second = migrate(request);

    assertThat(second.attached()).isTrue();
    assertThat(second.passed()).isTrue();
    assertThat(first.get().attached()).isFalse();
    assertThat(Files.readAllLines(runs)).as("runs of the migration service").hasSize(1);
  }

  @Test
  void theNextReleasesMigrationRunsAgainAndRemovesTheEarlierContainer() throws Exception {
    MigrateResult earlier =
        migrate(request("migrate", Duration.ofMinutes(1), "baton-release-shop/run-3"));
    MigrateResult next =
        migrate(request("migrate", Duration.ofMinutes(1), "baton-release-shop/run-4"));

    assertThat(next.attached()).isFalse();
    assertThat(Files.readAllLines(runs)).hasSize(2);
    assertThat(docker("ps", "-a", "--format", "{{.Names}}"))
        .contains(next.container())
        .doesNotContain(earlier.container());
  }

  @Test
  @Fault(
      dependency = "migration",
      fault = "the migration service exits non-zero on the active site",
      outcome = "a failed result with its exit code and output tail; not retried")
  void aMigrationThatExitsNonZeroFailsWithItsExitCodeAndOutput() {
    MigrateResult result =
        migrate(request("failing", Duration.ofMinutes(1), "baton-release-shop/run-5"));

    assertThat(result.passed()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.summary()).isEqualTo("exit 3");
    assertThat(result.output()).contains("ERROR: relation \"orders\" does not exist");
  }

  @Test
  @Fault(
      dependency = "migration",
      fault = "the migration service outlives release.migrate.timeout",
      outcome = "a failed result saying so; its container is killed")
  void aMigrationThatOutlivesItsTimeoutIsStoppedAndFails() {
    MigrateResult result =
        migrate(request("hanging", Duration.ofSeconds(3), "baton-release-shop/run-6"));

    assertThat(result.passed()).isFalse();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.summary()).isEqualTo("did not end within 3 s; stopped");
    assertThat(docker("inspect", "-f", "{{.State.Running}}", result.container()))
        .isEqualTo("false");
  }

  @Test
  void aServiceTheComposeFilesDoNotDefineIsABadConfigNamingTheServices() {
    Throwable thrown =
        catchThrowable(
            () -> migrate(request("absent", Duration.ofMinutes(1), "baton-release-shop/run-7")));

    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "dc1: release.migrate runs service 'absent', which the compose files of v2 do not"
                + " define (they define: app, migrate, slow, failing, hanging)");
  }

  private static void awaitContainer(String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (docker("ps", "-q", "--filter", "name=^" + name + "$").isEmpty()) {
      assertThat(System.nanoTime()).as("container %s started", name).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static ActivityOptions options() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  private static BatonConfig config() {
    return TestConfigs.withRelease(dir.resolve("baton.yml"), List.of(site), List.of());
  }

  /** An app, and profiled one-off services that count their runs in data/runs. */
  private static SiteConfig site() throws IOException {
    Path work = Files.createDirectories(dir.resolve(PROJECT));
    runs = Files.createDirectories(work.resolve("data")).resolve("runs");
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
          image: migrate-app:${VERSION}
          network_mode: host
          volumes: ["./data:/data"]
        services:
          app:
            <<: *image
            build:
              context: .
              network: host
          migrate:
            <<: *image
            profiles: [migrate]
            command: ["/bin/busybox", "sh", "-c", "echo run >> /data/runs; echo applied 002 for $$VERSION"]
            environment: [VERSION]
          slow:
            <<: *image
            profiles: [migrate]
            command: ["/bin/busybox", "sh", "-c", "/bin/busybox sleep 2; echo run >> /data/runs"]
          failing:
            <<: *image
            profiles: [migrate]
            command: ["/bin/busybox", "sh", "-c", "echo 'ERROR: relation \\"orders\\" does not exist' >&2; exit 3"]
          hanging:
            <<: *image
            profiles: [migrate]
            command: ["/bin/busybox", "sleep", "600"]
        """);
    return new SiteConfig(
        "dc1",
        "dc1",
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
