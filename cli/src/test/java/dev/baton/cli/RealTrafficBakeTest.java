package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static dev.baton.cli.ReleaseStatusJson.millis;
import static dev.baton.cli.ReleaseStatusJson.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Names;
import dev.baton.load.LoadReport;
import dev.baton.load.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bake judged by real traffic, for real: the shop's v3-faulty (its api answers every 4th GET /
 * with 500, and passes its health checks and smoke tests) released under a steady load through the
 * real nginx, on the two-site environment, with a real Prometheus scraping the api's {@code
 * /metrics}. The bake must fail on the error rate (then on the Prometheus gate) and traffic must
 * return to the previous site; the test prints the load generator's own count of failed requests
 * beside what the bake saw, and the times from the first 5xx to the bake failing and to traffic
 * being back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealTrafficBakeTest {
  private static final String PRIMARY = "127.0.0.1:3000";
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

  /**
   * Slack over one probe interval for the probe, the access-log read and a workflow task on a busy
   * two-core machine.
   */
  private static final Duration SLACK = Duration.ofSeconds(4);

  private static final Path CONFIG = configFile();
  private static final String SHOP_CONFIG = read(LocalSites.CONFIG);
  private static final String ERROR_RATE_BAKE =
      "  bake:\n    duration: 60s\n    maxErrorRate: 5%\n    minRequests: 20\n";

  /**
   * The faulty api's 500s in the last 30 s: a window of many 1 s scrapes, so a scrape that a busy
   * machine delays or misses does not leave the query without data.
   */
  private static final String RECENT_ERRORS =
      "sum(increase(shop_api_errors_total{site=\"secondary\"}[30s]))";

  @RegisterExtension
  static final LocalSites localSites = new LocalSites(writeConfig(ERROR_RATE_BAKE));

  @RegisterExtension
  static final PrometheusServer prometheus =
      new PrometheusServer("127.0.0.1:3000", "127.0.0.1:3001");

  private static CliHarness harness;
  private static ReleaseStatusJson release;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
    release = new ReleaseStatusJson(harness);
  }

  @AfterAll
  static void removeConfig() throws IOException {
    Files.deleteIfExists(CONFIG);
    Files.deleteIfExists(CONFIG.getParent());
  }

  /** A test that failed mid-release must not make the next one fail with "one at a time". */
  @AfterEach
  void endAnyRelease() {
    try {
      harness
          .client()
          .newUntypedWorkflowStub(Names.releaseWorkflowId("shop"))
          .terminate("test ended");
    } catch (io.temporal.client.WorkflowNotFoundException | IllegalStateException nothingRuns) {
      // the release ended by itself, as it should
    }
  }

  @Test
  @Order(1)
  void aFaultyVersionUnderLoadFailsTheBakeOnItsErrorRateAndTrafficReturns(@TempDir Path dir)
      throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v2"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v2"));

    Released released = releaseUnderLoad(dir);

    JsonNode end = released.progress();
    assertThat(end.path("outcome").asText()).as("%s", end).isEqualTo("BAKE_FAILED");
    String message = end.path("message").asText();
    Matcher seen =
        Pattern.compile(
                "bake: while baking, secondary's real traffic: (\\d+) of (\\d+) requests failed"
                    + " \\(500 x\\d+\\), [0-9.]+% above the limit of 5\\.0%; traffic moved back to"
                    + " primary")
            .matcher(message);
    assertThat(seen.find()).as(message).isTrue();
    LoadReport load = released.load();
    long bakeStart = millis(step(end, "BAKE").path("startedAt"));
    long bakeFailed = millis(step(end, "BAKE").path("endedAt"));
    // The access log counts from the start of the bake, by the time nginx logged the answer: the
    // load generator's 500s answered in that window are its count of the same requests.
    long loadFailedInBake = answered500s(load, bakeStart, bakeFailed);
    Timings t = released.timings(bakeFailed);
    System.out.printf(
        "error-rate bake: the bake saw %s of %s requests failed; the load generator got %d HTTP"
            + " 500 answers during the bake (%d failed in all: %s); %s; bake %d ms; failures"
            + " answered at (ms from the bake's start) %s%n",
        seen.group(1),
        seen.group(2),
        loadFailedInBake,
        load.failed(),
        load.summary(),
        t,
        bakeFailed - bakeStart,
        failures(load, bakeStart));

    // Only the faulty api's 500s failed: no request was lost to the switch or the switch back.
    assertThat(load.errors()).as(load.summary()).containsOnlyKeys("HTTP 500");
    assertThat(loadFailedInBake).as(load.summary()).isPositive();
    // The errors count from the start of the bake: it failed within one probe interval of that
    // (or of the first 5xx, if later), and traffic went back to primary with no failure after.
    assertThat(bakeFailed - Math.max(bakeStart, t.first5xx))
        .as("%s", t)
        .isLessThanOrEqualTo(PROBE_INTERVAL.plus(SLACK).toMillis());
    assertThat(t.backAfterBake).as(load.summary()).isNotNegative();
    assertThat(load.failedBetween(bakeFailed + t.backAfterBake, Long.MAX_VALUE)).isZero();
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v2 site=primary");
  }

  @Test
  @Order(2)
  void aPrometheusGateOverItsMaximumFailsTheBakeAndTrafficReturns(@TempDir Path dir)
      throws Exception {
    // The control worker reads baton.yml again at each release's plan: this one is judged by a
    // Prometheus query only (the faulty api's recent errors, from its /metrics).
    writeConfig(
        "  bake:\n    duration: 60s\n    prometheus:\n      url: "
            + prometheus.url()
            + "\n      query: '"
            + RECENT_ERRORS
            + "'\n      max: 5\n");

    // Starts where the first test left: primary active on v2, secondary on v3-faulty, whose
    // errors of that test must first leave the query's window: the gate then judges this bake.
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (prometheus.query(RECENT_ERRORS) != 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(prometheus.query(RECENT_ERRORS)).as(RECENT_ERRORS).isZero();

    Released released = releaseUnderLoad(dir);

    JsonNode end = released.progress();
    assertThat(end.path("outcome").asText()).as("%s", end).isEqualTo("BAKE_FAILED");
    String message = end.path("message").asText();
    Matcher seen =
        Pattern.compile(
                "bake: while baking, secondary's Prometheus gate: "
                    + Pattern.quote(RECENT_ERRORS)
                    + " = ([0-9.e+-]+), above the limit of 5; traffic moved back to primary")
            .matcher(message);
    assertThat(seen.find()).as(message).isTrue();
    assertThat(Double.parseDouble(seen.group(1))).isGreaterThan(5);
    long bakeFailed = millis(step(end, "BAKE").path("endedAt"));
    Timings t = released.timings(bakeFailed);
    System.out.printf(
        "prometheus bake: Prometheus read %s errors in 30 s; the load generator saw %d failed (%s); %s%n",
        seen.group(1), released.load().failed(), released.load().summary(), t);
    assertThat(released.load().errors()).containsOnlyKeys("HTTP 500");
    assertThat(t.backAfterBake).isNotNegative();
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v2 site=primary");
  }

  private static long answered500s(LoadReport load, long fromMillis, long untilMillis) {
    return load.samples().stream()
        .filter(s -> "HTTP 500".equals(s.error()))
        .map(s -> s.sentAtMillis() + s.millis())
        .filter(at -> at >= fromMillis && at <= untilMillis)
        .count();
  }

  /**
   * Releases v3-faulty, with 25 requests/s to the router's GET / from the approval wait on: the
   * load covers the switch, the bake and the move back, not the standby's image build (two busy
   * cores building images answer late, which is not what this test measures).
   */
  private static Released releaseUnderLoad(Path dir) throws Exception {
    ok(harness.baton("release", "start", "--version", "v3-faulty"));
    release.await(p -> "switch".equals(p.path("waitingFor").asText()));
    // Each GET / of v3-faulty is a CGI (a fork in busybox httpd): a rate two busy cores serve
    // without queueing.
    BackgroundLoad load =
        BackgroundLoad.untilStopped(URI.create("http://127.0.0.1:8080/"), 25, dir);
    JsonNode end;
    try {
      ok(harness.baton("release", "approve", "--as", "alice"));
      end = release.await(p -> !p.path("outcome").isNull());
      // A measurement window, not a wait for a condition: the load runs on for 3 s after the
      // release ended, so the report shows whether every answer then came from primary.
      Thread.sleep(3000);
    } finally {
      load.requestStop();
    }
    return new Released(end, load.report());
  }

  /** When each failed request was answered, in ms from {@code originMillis}: "500@+120 ...". */
  private static String failures(LoadReport load, long originMillis) {
    StringBuilder text = new StringBuilder();
    for (Sample s : load.samples()) {
      if (s.failed()) {
        long at = s.sentAtMillis() + s.millis() - originMillis;
        text.append(s.status() == 0 ? s.error() : s.status())
            .append(at < 0 ? "@" : "@+")
            .append(at)
            .append(' ');
      }
    }
    return text.toString().strip();
  }

  private record Released(JsonNode progress, LoadReport load) {
    Timings timings(long bakeFailed) {
      Sample first = load.samples().stream().filter(Sample::failed).findFirst().orElse(null);
      long first5xx = first == null ? -1 : first.sentAtMillis() + first.millis();
      return new Timings(
          first5xx, bakeFailed, load.millisUntilAllFrom(PRIMARY, bakeFailed, Long.MAX_VALUE));
    }
  }

  /**
   * @param first5xx when the first failed answer came (epoch ms), -1 when none did
   * @param bakeFailed when the bake step ended failed
   * @param backAfterBake from then until every request was answered by primary again
   */
  private record Timings(long first5xx, long bakeFailed, long backAfterBake) {
    @Override
    public String toString() {
      return "first 5xx to bake failed "
          + (bakeFailed - first5xx)
          + " ms, to traffic back on primary "
          + (bakeFailed + backAfterBake - first5xx)
          + " ms";
    }
  }

  private static String get(String url) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.body().strip();
  }

  /** examples/shop/baton.yml with {@code bake} as given, where the control worker reads it. */
  private static Path writeConfig(String bake) {
    String config = SHOP_CONFIG.replace("  bake: 10s\n", bake);
    assertThat(config).as("examples/shop/baton.yml sets bake: 10s").isNotEqualTo(SHOP_CONFIG);
    try {
      Files.writeString(CONFIG, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CONFIG;
  }

  private static Path configFile() {
    try {
      return Files.createTempDirectory("baton-traffic-bake").resolve("baton.yml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
