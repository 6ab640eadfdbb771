package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.ComposeConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.TestConfigs;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.Fault;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy cancelled while {@code compose build} hangs, on a real engine with the real Compose CLI:
 * the cancel reaches the attempt within seconds, no process of that attempt is left (Compose
 * killed, the engine's build container gone with its client), and the next attempt deploys.
 */
class DeployInterruptedTest {
  @TempDir static Path dir;
  private static LocalEngine engine;

  @BeforeAll
  static void start() {
    LocalEngine.assumeAvailable(DeployInterruptedTest.class);
    engine = LocalEngine.start(dir.resolve("env"), "cancel");
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "stopped under a running build, started again",
      outcome =
          "that attempt fails as retryable ENGINE_UNAVAILABLE naming the site and engine; the next"
              + " attempt, once it is back, deploys")
  void anEngineStoppedMidDeployIsEngineUnavailableAndTheNextAttemptDeploys() throws Exception {
    String project = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    SiteConfig site = site(project);
    DockerSiteActivities activities = new DockerSiteActivities(config(site), site);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      SiteActivities stub = stub(env, Duration.ofSeconds(10));
      CompletableFuture<DeployResult> building = hangingBuild(stub);

      engine.close(); // dockerd stopped with everything it ran: an engine going down for an upgrade
      Throwable thrown = building.handle((ok, failure) -> failure).get(2, TimeUnit.MINUTES);

      ApplicationFailure failure = rootApplicationFailure(thrown);
      assertThat(failure.getType())
          .as(failure.getOriginalMessage())
          .isEqualTo(FailureKind.ENGINE_UNAVAILABLE.type());
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage())
          .startsWith("dc2: the Docker engine at " + engine.endpoint + " does not answer");

      engine.up();
      DeployResult result = stub.deploy(new DeployRequest("shop", "dc2", "v2", Role.STANDBY));

      assertThat(result.changed()).isTrue();
      assertThat(result.images()).containsEntry("app", "cancel-app:v2");
    } finally {
      env.close();
      docker("rm", "-f", "-v", project + "_app_1", project + "-app-1");
    }
  }

  @Test
  @Fault(
      dependency = "Compose CLI",
      fault = "build hangs and the deploy is cancelled",
      outcome =
          "the attempt ends within seconds: Compose and the build container are gone; the next attempt deploys")
  void aCancelledDeployLeavesNoProcessAndTheNextAttemptDeploys() throws Exception {
    String project = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
    SiteConfig site = site(project);
    DockerSiteActivities activities = new DockerSiteActivities(config(site), site);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      SiteActivities stub = stub(env, Duration.ofSeconds(2));
      CompletableFuture<DeployResult> hanging = hangingBuild(stub);

      long cancelled = System.nanoTime();
      env.requestCancelActivity();
      Throwable thrown = hanging.handle((ok, failure) -> failure).get(60, TimeUnit.SECONDS);

      assertThat(thrown).hasRootCauseInstanceOf(CanceledFailure.class);
      assertThat(Duration.ofNanos(System.nanoTime() - cancelled))
          .isLessThan(Duration.ofSeconds(20));
      assertThat(processesMentioning(project)).as("compose processes of the attempt").isEmpty();
      awaitNoRunningContainer();
    } finally {
      env.close();
    }

    TestActivityEnvironment next = TestActivityEnvironment.newInstance();
    try {
      next.registerActivitiesImplementations(activities);
      DeployResult result =
          stub(next, Duration.ofSeconds(10))
              .deploy(new DeployRequest("shop", "dc2", "v2", Role.STANDBY));

      assertThat(result.changed()).isTrue();
      assertThat(result.message()).startsWith("dc2 runs v2: app ");
      assertThat(result.images()).containsEntry("app", "cancel-app:v2");
    } finally {
      next.close();
      docker("rm", "-f", "-v", project + "_app_1", project + "-app-1");
    }
  }

  private static BatonConfig config(SiteConfig site) {
    return TestConfigs.withRelease(dir.resolve("baton.yml"), List.of(site), List.of());
  }

  private static SiteActivities stub(TestActivityEnvironment env, Duration heartbeatTimeout) {
    return env.newActivityStub(
        SiteActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(5))
            .setHeartbeatTimeout(heartbeatTimeout)
            .build());
  }

  private static ApplicationFailure rootApplicationFailure(Throwable thrown) {
    Throwable t = thrown;
    while (t != null && !(t instanceof ApplicationFailure)) {
      t = t.getCause();
    }
    assertThat(t).as("an ApplicationFailure in %s", thrown).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) t;
  }

  /** A compose project whose build hangs for version "hang" and finishes for any other. */
  private static SiteConfig site(String project) throws IOException {
    Path work = Files.createDirectories(dir.resolve(project));
    Files.copy(Path.of("/bin/busybox"), work.resolve("busybox"));
    Files.writeString(
        work.resolve("Dockerfile"),
        """
        FROM scratch
        COPY busybox /bin/busybox
        ARG VERSION
        RUN ["/bin/busybox", "sh", "-c", "test \\"$VERSION\\" != hang || /bin/busybox sleep 600"]
        CMD ["/bin/busybox", "sleep", "3600"]
        """);
    Files.writeString(
        work.resolve("docker-compose.yml"),
        """
        services:
          app:
            image: cancel-app:${VERSION}
            network_mode: host
            build:
              context: .
              network: host
              args: [VERSION]
        """);
    return new SiteConfig(
        "dc2",
        "dc2",
        engine.endpoint,
        new ComposeConfig(work, List.of("docker-compose.yml"), null, project),
        null,
        Map.of(),
        null,
        null);
  }

  /** A deploy of version "hang", once its build's RUN step (sleep 600) runs in the engine. */
  private static CompletableFuture<DeployResult> hangingBuild(SiteActivities stub)
      throws InterruptedException {
    CompletableFuture<DeployResult> deploy =
        CompletableFuture.supplyAsync(
            () -> stub.deploy(new DeployRequest("shop", "dc2", "hang", Role.STANDBY)));
    awaitRunningContainer(deploy);
    return deploy;
  }

  private static void awaitRunningContainer(CompletableFuture<?> deploy)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (docker("ps", "-q").isBlank()) {
      assertThat(deploy).as("the deploy still runs").isNotDone();
      assertThat(System.nanoTime()).as("the build's RUN container started").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void awaitNoRunningContainer() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!docker("ps", "-q").isBlank()) {
      assertThat(System.nanoTime())
          .as("the engine stopped the build container of the cancelled attempt")
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String docker(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("docker", "-H", engine.endpoint));
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(30));
    return result.output().strip();
  }

  /** Live processes whose command line names the project (compose is run with -p PROJECT). */
  private static List<Long> processesMentioning(String project) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .filter(p -> cmdline(p).contains(project))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .toList();
    }
  }

  private static String cmdline(Path proc) {
    try {
      return Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }
}
