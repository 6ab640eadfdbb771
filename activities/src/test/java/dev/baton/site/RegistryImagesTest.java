package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.ComposeConfig;
import dev.baton.config.ImagesConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.TestConfigs;
import dev.baton.images.Digests;
import dev.baton.images.ImageActivities;
import dev.baton.images.ImageMode;
import dev.baton.images.PublishRequest;
import dev.baton.images.PublishResult;
import dev.baton.images.RunningImages;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.router.NginxProcess;
import dev.baton.testing.Fault;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code images.mode: registry} on two real engines and a real registry (Debian's docker-registry)
 * of the test's own: one site builds and pushes, both pull the same digest and say so; a tag
 * re-pushed with other content is a new digest the running sites do not have.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryImagesTest {
  private static final String PROJECT = "regtest";
  private static final Path REGISTRY_BINARY = Path.of("/usr/bin/docker-registry");
  @TempDir static Path dir;
  private static LocalEngine engine1;
  private static LocalEngine engine2;
  private static Process registry;
  private static String registryAddress;
  private static DockerSiteActivities dc1;
  private static DockerSiteActivities dc2;

  /** What the first publish pushed: the digest both sites must run. */
  private static Map<String, String> published;

  /** One per stub: an environment serves one implementation of each activity type. */
  private final List<TestActivityEnvironment> envs = new ArrayList<>();

  @BeforeAll
  static void twoEnginesAndARegistry() throws Exception {
    LocalEngine.assumeAvailable(RegistryImagesTest.class);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(REGISTRY_BINARY), "docker-registry is not installed");
    registry = startRegistry();
    engine1 = LocalEngine.start(dir.resolve("env"), "dc1");
    engine2 = LocalEngine.start(dir.resolve("env"), "dc2");
    SiteConfig site1 = site("dc1", engine1);
    SiteConfig site2 = site("dc2", engine2);
    BatonConfig config =
        TestConfigs.withImages(
            TestConfigs.withRelease(dir.resolve("baton.yml"), List.of(site1, site2), List.of()),
            new ImagesConfig(ImageMode.REGISTRY, registryAddress, true));
    dc1 = new DockerSiteActivities(config, site1);
    dc2 = new DockerSiteActivities(config, site2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (LocalEngine engine : new LocalEngine[] {engine1, engine2}) {
      if (engine != null) {
        docker(engine, "rm", "-f", "-v", PROJECT + "_app_1");
        engine.close();
      }
    }
    if (registry != null) {
      registry.destroy();
      registry.waitFor();
    }
  }

  @AfterEach
  void close() {
    envs.forEach(TestActivityEnvironment::close);
  }

  @Test
  @Order(1)
  void oneSiteBuildsAndPushesAndBothSitesRunThePublishedDigest() {
    PublishResult result =
        images(dc1).publish(new PublishRequest("shop", "dc1", "v1", registryAddress, true));

    published = result.images();
    assertThat(published).containsOnlyKeys("app");
    assertThat(published.get("app")).matches(registryAddress + "/shop/app@sha256:[0-9a-f]{64}");

    DeployResult deployed2 = site(dc2).deploy(standby("dc2", published));
    DeployResult deployed1 = site(dc1).deploy(standby("dc1", published));

    assertThat(deployed2.images()).containsEntry("app", published.get("app"));
    assertThat(deployed1.images()).containsEntry("app", published.get("app"));
    RunningImages running1 = images(dc1).running(new SiteRequest("shop", "dc1"));
    RunningImages running2 = images(dc2).running(new SiteRequest("shop", "dc2"));
    assertThat(running1.digests()).isEqualTo(published);
    assertThat(running2.digests()).isEqualTo(published);
    assertThat(Digests.mismatch("dc2", "v1", published, running2)).isNull();
    // baton sites reads the same through describe.
    assertThat(site(dc2).describe(new SiteRequest("shop", "dc2")).digests()).isEqualTo(published);
  }

  @Test
  @Order(2)
  void deployingTheDigestASiteRunsChangesNothing() {
    DeployResult again = site(dc2).deploy(standby("dc2", published));

    assertThat(again.changed()).isFalse();
  }

  @Test
  @Order(3)
  void aTagRePushedWithOtherContentIsANewDigestTheRunningSiteDoesNotHave() throws IOException {
    Files.writeString(dir.resolve("dc1").resolve("content.txt"), "other content " + Instant.now());
    Map<String, String> repushed =
        images(dc1)
            .publish(new PublishRequest("shop", "dc1", "v1", registryAddress, true))
            .images();

    assertThat(repushed.get("app")).isNotEqualTo(published.get("app"));
    RunningImages running2 = images(dc2).running(new SiteRequest("shop", "dc2"));
    assertThat(Digests.mismatch("dc2", "v1", repushed, running2))
        .isEqualTo(
            "app on dc2 runs "
                + Digests.digest(published.get("app"))
                + ", but v1 is "
                + Digests.digest(repushed.get("app")));
    // Without build, publish only resolves what the registry has now: the re-pushed tag.
    assertThat(
            images(dc2)
                .publish(new PublishRequest("shop", "dc2", "v1", registryAddress, false))
                .images())
        .isEqualTo(repushed);
    // `baton deploy` in mode registry (no digests in the request) deploys what the tag names now.
    site(dc2).deploy(new DeployRequest("shop", "dc2", "v1", Role.STANDBY));
    assertThat(images(dc2).running(new SiteRequest("shop", "dc2")).digests()).isEqualTo(repushed);
  }

  @Test
  @Order(4)
  @Fault(
      dependency = "registry",
      fault = "the version's tag is not in the registry",
      outcome = "DEPLOY_FAILED, not retried, naming the tag and how to publish it")
  void aTagTheRegistryDoesNotHaveFailsNamingItAndWhatToDo() {
    Throwable thrown =
        catchThrowable(
            () ->
                images(dc2)
                    .publish(new PublishRequest("shop", "dc2", "v9", registryAddress, false)));

    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(FailureKind.DEPLOY_FAILED.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "dc2: "
                + registryAddress
                + "/shop/app:v9 is not in the registry: publish v9 with a release (images.build:"
                + " true) or push it from CI first");
  }

  private static DeployRequest standby(String siteId, Map<String, String> images) {
    return new DeployRequest("shop", siteId, "v1", Role.STANDBY, images);
  }

  private ImageActivities images(DockerSiteActivities activities) {
    return environment(activities).newActivityStub(ImageActivities.class, options());
  }

  private SiteActivities site(DockerSiteActivities activities) {
    return environment(activities).newActivityStub(SiteActivities.class, options());
  }

  private TestActivityEnvironment environment(DockerSiteActivities activities) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    envs.add(env);
    return env;
  }

  private static ActivityOptions options() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(3))
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  private static Process startRegistry() throws Exception {
    registryAddress = "127.0.0.1:" + NginxProcess.freePort();
    Path registryDir = Files.createDirectories(dir.resolve("registry"));
    Path config = registryDir.resolve("config.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: %s
        """
            .formatted(registryDir.resolve("data"), registryAddress));
    Process process =
        new ProcessBuilder(REGISTRY_BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(registryDir.resolve("registry.log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + registryAddress + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroy();
        throw new IllegalStateException(
            "the registry did not answer on " + registryAddress + "; see its log under " + dir);
      }
      Thread.sleep(100);
    }
  }

  /** An app built FROM scratch with busybox and a file whose content a test changes. */
  private static SiteConfig site(String id, LocalEngine engine) throws IOException {
    Path work = Files.createDirectories(dir.resolve(id));
    Files.copy(Path.of("/bin/busybox"), work.resolve("busybox"));
    Files.writeString(work.resolve("content.txt"), "first content");
    Files.writeString(
        work.resolve("Dockerfile"),
        """
        FROM scratch
        COPY busybox /bin/busybox
        COPY content.txt /content.txt
        CMD ["/bin/busybox", "sleep", "3600"]
        """);
    Files.writeString(
        work.resolve("docker-compose.yml"),
        """
        services:
          app:
            image: regtest-app:${VERSION}
            network_mode: host
            build:
              context: .
              network: host
        """);
    return new SiteConfig(
        id,
        id,
        engine.endpoint,
        new ComposeConfig(work, List.of("docker-compose.yml"), null, PROJECT),
        null,
        Map.of(),
        null,
        null);
  }

  private static String docker(LocalEngine engine, String... args) {
    List<String> command = new ArrayList<>(List.of("docker", "-H", engine.endpoint));
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(30));
    return result.output().strip();
  }
}
