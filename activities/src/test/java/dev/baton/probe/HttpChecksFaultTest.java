package dev.baton.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.TestConfigs;
import dev.baton.testing.Fault;
import dev.baton.testing.RawServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A site's HTTP health checks against apps that are down, slow, failing or not HTTP at all. Each is
 * a failure naming the app and its URL (HttpChecks never throws): whoever asked decides, the
 * deploy's wait polls again until its deadline, validate and bake fail the step, the monitor
 * counts.
 */
class HttpChecksFaultTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final MockWebServer app = new MockWebServer();
  private final HttpChecks checks = new HttpChecks(TIMEOUT);

  @BeforeEach
  void start() throws IOException {
    app.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private String url() {
    return "http://127.0.0.1:" + app.getPort() + "/health";
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "stopped app (connection refused)",
      outcome = "check fails naming the app and URL; the probe reports the site unhealthy")
  void aStoppedAppFailsItsCheckNamingTheAppAndUrl() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/health";
    BatonConfig config = config(Map.of("api", url));

    ProbeResult probe = new HttpProbeActivities(config).probe(new ProbeRequest("shop", "dc2"));

    assertThat(probe.healthy()).isFalse();
    assertThat(probe.siteId()).isEqualTo("dc2");
    assertThat(probe.failures()).containsOnlyKeys("api");
    assertThat(probe.failures().get("api"))
        .startsWith("Failed to connect")
        .endsWith("(" + url + ")");
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "slow answer (beyond the timeout)",
      outcome =
          "check fails within its timeout naming the URL; the next poll passes when it answers")
  void aSlowAnswerFailsWithinTheTimeoutAndTheNextCheckPasses() {
    app.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).build());
    app.enqueue(new MockResponse.Builder().code(200).build());

    long started = System.nanoTime();
    Map<String, String> slow = checks.failures(Map.of("api", url()));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(slow.get("api")).contains("timeout").endsWith("(" + url() + ")");
    assertThat(millis).as("bounded by the check's timeout").isLessThan(2_000);
    assertThat(checks.failures(Map.of("api", url()))).isEmpty();
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "non-2xx answer (HTTP 503)",
      outcome = "check fails with the status and URL")
  void aServerErrorFailsWithTheStatus() {
    app.enqueue(new MockResponse.Builder().code(503).body("draining").build());

    assertThat(checks.failures(Map.of("web", url())))
        .containsExactly(Map.entry("web", "HTTP 503 from " + url()));
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "malformed answer (not HTTP)",
      outcome = "check fails naming the URL; no exception escapes")
  void anAnswerThatIsNotHttpFailsTheCheck() {
    try (RawServer garbage = RawServer.answering("SSH-2.0-OpenSSH_9.2\r\n\r\n")) {
      String url = "http://127.0.0.1:" + garbage.port() + "/health";

      Map<String, String> failures = checks.failures(Map.of("api", url));

      assertThat(garbage.connections()).isEqualTo(1);
      assertThat(failures.get("api")).contains("Unexpected status line").endsWith("(" + url + ")");
    }
  }

  @Test
  @Fault(
      dependency = "HTTP checks",
      fault = "accepts the connection, never answers",
      outcome = "check fails within its timeout naming the URL")
  void aHungAppFailsWithinTheTimeout() {
    try (RawServer hung = RawServer.silent()) {
      String url = "http://127.0.0.1:" + hung.port() + "/health";

      Map<String, String> failures = checks.failures(Map.of("api", url));

      assertThat(failures.get("api")).contains("timeout").endsWith("(" + url + ")");
    }
  }

  private static BatonConfig config(Map<String, String> health) {
    SiteConfig site =
        new SiteConfig("dc2", "dc2", "unix:///nonexistent", null, null, health, null, null);
    return TestConfigs.sitesOnly(null, List.of(site));
  }
}
