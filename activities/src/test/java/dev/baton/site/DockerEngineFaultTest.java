package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.ComposeConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.TestConfigs;
import dev.baton.testing.Fault;
import dev.baton.testing.RawServer;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's activities against a Docker engine that is not there, fails, or answers nonsense. The
 * "engine" that answers is a MockWebServer on 127.0.0.1 reached over {@code tcp://}, with the real
 * docker-java client in between. Each is a retryable failure (an engine restarting may pass) whose
 * message names the site; the workflow's retry policy bounds the retries.
 */
class DockerEngineFaultTest {
  @TempDir Path dir;

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "stopped (no socket)",
      outcome = "retryable DEPLOY_FAILED naming the site and endpoint: is dockerd running there?")
  void aStoppedEngineIsRetryableAndNamesTheSiteAndEndpoint() {
    String endpoint = "unix://" + dir.resolve("docker.sock");

    ApplicationFailure failure = describeFails(endpoint);

    assertThat(failure.getType()).isEqualTo(FailureKind.DEPLOY_FAILED.type());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .startsWith("dc2: the Docker engine at " + endpoint + " does not answer (")
        .endsWith("); is dockerd running there?");
  }

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "error answer (HTTP 500 to ping)",
      outcome = "retryable DEPLOY_FAILED naming the site and the engine's error")
  void anEngineAnsweringErrorsIsRetryableAndNamesTheSite() throws Exception {
    try (MockWebServer engine = engine(Map.of("/_ping", "500:storage driver failed"))) {
      ApplicationFailure failure = describeFails(endpoint(engine));

      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage())
          .startsWith("dc2: the Docker engine at " + endpoint(engine) + " does not answer (")
          .contains("storage driver failed");
    }
  }

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "malformed answer (container list not JSON)",
      outcome = "retryable DEPLOY_FAILED naming the site; nothing is deployed")
  void aMalformedContainerListIsAFailureNamingTheSite() throws Exception {
    try (MockWebServer engine =
        engine(Map.of("/_ping", "200:OK", "/containers/json", "200:<html>proxy login</html>"))) {
      ApplicationFailure failure = describeFails(endpoint(engine));

      assertThat(failure.getType()).isEqualTo(FailureKind.DEPLOY_FAILED.type());
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage()).startsWith("dc2: ").contains("<");
      assertThat(engine.getRequestCount()).as("only reads were sent").isEqualTo(2);
    }
  }

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "accepts and never answers (hung)",
      outcome =
          "the ping gives up after 5 s: retryable DEPLOY_FAILED naming the site and endpoint,"
              + " asking whether it is hung; other calls give up after 30 s")
  void aHungEngineFailsThePingInSecondsNotMinutes() {
    try (RawServer engine = RawServer.silent()) {
      String endpoint = "tcp://127.0.0.1:" + engine.port();

      // Bounded generously: without its own timeout the ping waited docker-java's 5 minutes.
      ApplicationFailure failure =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> describeFails(endpoint));

      assertThat(engine.connections()).isPositive();
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage())
          .isEqualTo(
              "dc2: the Docker engine at "
                  + endpoint
                  + " accepted the connection but did not answer a ping within 5s; is it hung"
                  + " (see its log), or overloaded?");
    }
  }

  @Test
  @Fault(
      dependency = "site Docker engine",
      fault = "container removed between the list and its inspect (Compose recreating it)",
      outcome = "left out of that reading; the deploy's health wait reads again")
  void aContainerRemovedBetweenTheListAndItsInspectIsLeftOut() throws Exception {
    String labels =
        "\"Labels\":{\"com.docker.compose.project\":\"shop-dc2\",\"dev.baton.version\":\"v1\","
            + "\"com.docker.compose.service\":";
    String list =
        "200:[{\"Id\":\"gone\",\"Image\":\"shop-worker:v1\","
            + labels
            + "\"worker\"}},{\"Id\":\"kept\",\"Image\":\"shop-api:v1\","
            + labels
            + "\"api\"}}]";
    String kept =
        "200:{\"Id\":\"kept\",\"State\":{\"Running\":true,\"ExitCode\":0,"
            + "\"Health\":{\"Status\":\"healthy\"}}}";
    try (MockWebServer engine =
        engine(
            Map.of(
                "/_ping", "200:OK",
                "/containers/json", list,
                "/containers/kept/json", kept))) {
      SiteConfig site = site(endpoint(engine));
      Map<String, ServiceStatus> services =
          new DockerSite(site, DockerClients.create(site)).services();

      assertThat(services).containsOnlyKeys("api");
      assertThat(services.get("api").ready()).isTrue();
      assertThat(engine.getRequestCount()).as("list, inspect gone, inspect kept").isEqualTo(3);
    }
  }

  @Test
  void aContainerEventWakesTheHealthWaitAndABrokenEventStreamLeavesItPolling() throws Exception {
    String event =
        "200:{\"Type\":\"container\",\"Action\":\"health_status: healthy\",\"id\":\"a\"}\n";
    try (MockWebServer engine = engine(Map.of("/events", event));
        ContainerEvents events = ContainerEvents.watch(client(engine), "shop-dc2")) {
      assertThat(events.await(Duration.ofSeconds(30))).as("woken by the event").isTrue();
      assertThat(engine.takeRequest().getUrl().queryParameter("filters"))
          .contains("container")
          .contains("com.docker.compose.project=shop-dc2");
    }
    try (MockWebServer engine = engine(Map.of("/events", "500:events unavailable"));
        ContainerEvents events = ContainerEvents.watch(client(engine), "shop-dc2")) {
      assertThat(events.await(Duration.ofMillis(300))).as("no event: the bound").isFalse();
    }
  }

  private com.github.dockerjava.api.DockerClient client(MockWebServer engine) {
    return DockerClients.create(site(endpoint(engine)));
  }

  private ApplicationFailure describeFails(String endpoint) {
    DockerSiteActivities activities = activities(endpoint);
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> activities.describe(new SiteRequest("shop", "dc2")));
    assertThat(failure).as("describe should fail").isNotNull();
    return failure;
  }

  private DockerSiteActivities activities(String endpoint) {
    SiteConfig site = site(endpoint);
    BatonConfig config = TestConfigs.sitesOnly(dir.resolve("baton.yml"), List.of(site));
    return new DockerSiteActivities(config, site);
  }

  private SiteConfig site(String endpoint) {
    return new SiteConfig(
        "dc2",
        "dc2",
        endpoint,
        new ComposeConfig(dir, List.of("docker-compose.yml"), null, "shop-dc2"),
        null,
        Map.of(),
        null,
        null);
  }

  /** An "engine" answering {@code path -> "code:body"}; 404 for anything else. */
  private static MockWebServer engine(Map<String, String> answers) throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String answer = answers.getOrDefault(request.getUrl().encodedPath(), "404:not found");
            int colon = answer.indexOf(':');
            return new MockResponse.Builder()
                .code(Integer.parseInt(answer.substring(0, colon)))
                .body(answer.substring(colon + 1))
                .build();
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  private static String endpoint(MockWebServer engine) {
    return "tcp://127.0.0.1:" + engine.getPort();
  }
}
