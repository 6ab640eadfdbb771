package dev.baton.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.HttpSmokeConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.SmokeConfig;
import dev.baton.config.TestConfigs;
import dev.baton.smoke.SmokeCheck;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import dev.baton.testing.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP smoke tests against a real HTTP server on 127.0.0.1 standing for the standby's app. */
class HttpSmokeTest {
  private final MockWebServer app = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    app.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private static HttpSmokeConfig orders(String contains, String field, String equals) {
    return new HttpSmokeConfig(
        "api",
        "POST",
        "/orders?dry-run=1",
        Map.of("X-Smoke", "baton"),
        "{\"item\":1}",
        201,
        contains,
        field,
        equals);
  }

  private SmokeResult run(HttpSmokeConfig http, Duration timeout) {
    SmokeConfig smoke = new SmokeConfig("orders", null, http, timeout);
    SiteConfig site =
        new SiteConfig(
            "dc2",
            "dc2",
            "unix:///nonexistent",
            null,
            null,
            Map.of("api", "http://127.0.0.1:" + app.getPort() + "/health"),
            null,
            null);
    BatonConfig config = TestConfigs.withRelease(null, List.of(site), List.of(smoke));
    // The workflow carries the name only; the headers and body come from this worker's config.
    SmokeCheck check = new SmokeCheck("orders", SmokeKind.HTTP, "api", timeout);
    return new HttpProbeActivities(config).smoke(new SmokeRequest("shop", "dc2", "v2", check));
  }

  private void answer(int code, String body) {
    app.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  @Test
  void theRequestGoesToTheAppsOriginAsConfiguredAndAMatchingAnswerPasses() throws Exception {
    answer(201, "{\"state\":\"created\",\"id\":7}");

    SmokeResult result = run(orders("created", "/id", "7"), Duration.ofSeconds(5));

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(result.summary()).isEqualTo("POST /orders?dry-run=1: HTTP 201");
    assertThat(result.output()).isEmpty();
    RecordedRequest request = app.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/orders?dry-run=1");
    assertThat(request.getHeaders().get("X-Smoke")).isEqualTo("baton");
    assertThat(request.getBody().utf8()).isEqualTo("{\"item\":1}");
  }

  @Test
  @Fault(
      dependency = "smoke test",
      fault =
          "HTTP check answered with another status, without the text, or a JSON field differing",
      outcome = "a failed result saying what was expected and what came, with the body's start")
  void eachExpectationThatFailsIsNamedWithTheBodyKept() {
    answer(503, "down for maintenance");
    answer(201, "{\"state\":\"queued\"}");
    answer(201, "{\"state\":\"created\",\"id\":8}");
    answer(201, "<html>created</html>");

    assertThat(run(orders(null, null, null), Duration.ofSeconds(5)))
        .extracting(SmokeResult::passed, SmokeResult::summary, SmokeResult::output)
        .containsExactly(
            false, "POST /orders?dry-run=1: expected HTTP 201, got 503", "down for maintenance");
    assertThat(run(orders("created", null, null), Duration.ofSeconds(5)).summary())
        .isEqualTo("POST /orders?dry-run=1: HTTP 201 without \"created\" in the body");
    assertThat(run(orders(null, "/id", "7"), Duration.ofSeconds(5)).summary())
        .isEqualTo("POST /orders?dry-run=1: HTTP 201, but /id is \"8\", not \"7\"");
    assertThat(run(orders(null, "/id", "7"), Duration.ofSeconds(5)).summary())
        .isEqualTo("POST /orders?dry-run=1: HTTP 201, but the body is not JSON");
  }

  @Test
  void aSlowAnswerFailsWithinTheChecksTimeout() {
    app.enqueue(new MockResponse.Builder().code(201).headersDelay(3, TimeUnit.SECONDS).build());

    long started = System.nanoTime();
    SmokeResult result = run(orders(null, null, null), Duration.ofMillis(500));

    assertThat(result.passed()).isFalse();
    assertThat(result.summary()).startsWith("POST /orders?dry-run=1: ").contains("timeout");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
  }
}
