package dev.baton.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus query client against a real HTTP server on 127.0.0.1 answering as Prometheus'
 * {@code /api/v1/query} does: what it asks, how it reads each result type, and which failures are
 * retried (Prometheus not answering) and which are not (a refused query).
 */
class PrometheusHttpActivitiesTest {
  private static final String QUERY = "sum(rate(shop_api_errors_total{site=\"secondary\"}[30s]))";
  private final MockWebServer prometheus = new MockWebServer();
  private final PrometheusHttpActivities client =
      new PrometheusHttpActivities(Duration.ofSeconds(2));

  @BeforeEach
  void start() throws IOException {
    prometheus.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void asksTheInstantQueryApiAndReadsAVector() throws Exception {
    answer(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"site\":\"secondary\"},\"value\":[1733550000.1,\"0.25\"]},"
            + "{\"metric\":{\"site\":\"primary\"},\"value\":[1733550000.1,\"1.5\"]}]}}");

    PrometheusReading reading = client.query(new PrometheusQuery(base(), QUERY));

    assertThat(reading).isEqualTo(new PrometheusReading(true, 1.5, 2));
    RecordedRequest asked = prometheus.takeRequest(5, TimeUnit.SECONDS);
    assertThat(asked.getMethod()).isEqualTo("GET");
    assertThat(asked.getUrl().encodedPath()).isEqualTo("/api/v1/query");
    assertThat(asked.getUrl().queryParameter("query")).isEqualTo(QUERY);
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() throws Exception {
    answer(
        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"3\"]}}");

    PrometheusReading reading = client.query(new PrometheusQuery(base() + "prom/", "3"));

    assertThat(reading).isEqualTo(new PrometheusReading(true, 3, 1));
    assertThat(prometheus.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/prom/api/v1/query");
  }

  @Test
  void anEmptyVectorOrOnlyNaNIsNoData() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    answer(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{},\"value\":[1,\"NaN\"]}]}}");

    assertThat(client.query(new PrometheusQuery(base(), QUERY)))
        .isEqualTo(PrometheusReading.noData(0));
    assertThat(client.query(new PrometheusQuery(base(), QUERY)))
        .isEqualTo(PrometheusReading.noData(1));
  }

  @Test
  void infinityIsAValue() {
    answer(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{},\"value\":[1,\"+Inf\"]}]}}");

    assertThat(client.query(new PrometheusQuery(base(), QUERY)).value())
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void aRefusedQueryIsNotRetried() {
    answer(
        400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
            + " \\\"query\\\": 1:5: parse error: unexpected <EOF>\"}");

    ApplicationFailure failure = failure(new PrometheusQuery(base(), "sum("));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("BAD_CONFIG");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Prometheus at http://127.0.0.1:"
                + prometheus.getPort()
                + ": Prometheus refused the query: invalid parameter \"query\": 1:5: parse error:"
                + " unexpected <EOF> (bad_data)");
  }

  @Test
  void aRangeVectorIsRefusedWithWhatToWrite() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

    ApplicationFailure failure = failure(new PrometheusQuery(base(), "up[1m]"));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("range vector (matrix)");
  }

  @Test
  void somethingThatIsNotPrometheusIsNotRetried() {
    answer(200, "<html>Grafana</html>");

    ApplicationFailure failure = failure(new PrometheusQuery(base(), QUERY));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .endsWith(
            "answered HTTP 200 without Prometheus' JSON: <html>Grafana</html>: is"
                + " release.bake.prometheus.url Prometheus' base URL?");
  }

  @Test
  void aServerErrorIsRetryable() {
    answer(503, "Service Unavailable");

    ApplicationFailure failure = failure(new PrometheusQuery(base(), QUERY));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("METRICS_UNAVAILABLE");
    assertThat(failure.getOriginalMessage()).endsWith("answered HTTP 503: Service Unavailable");
  }

  @Test
  void aPrometheusThatIsNotListeningIsRetryable() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = socket.getLocalPort();
    }

    ApplicationFailure failure = failure(new PrometheusQuery("http://127.0.0.1:" + closed, QUERY));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("METRICS_UNAVAILABLE");
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "Prometheus at http://127.0.0.1:" + closed + " did not answer: ConnectException");
  }

  @Test
  void aSlowPrometheusTimesOutRetryable() {
    prometheus.enqueue(
        new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());

    ApplicationFailure failure = failure(new PrometheusQuery(base(), QUERY));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("did not answer: InterruptedIOException");
  }

  @Test
  void aUrlBatonMayNotCallIsRefusedBeforeAnyRequest() {
    ApplicationFailure failure =
        failure(new PrometheusQuery("http://169.254.169.254/latest/meta-data", QUERY));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "release.bake.prometheus.url points at 169.254.169.254, a link-local or cloud-metadata"
                + " address: refused");
  }

  private ApplicationFailure failure(PrometheusQuery query) {
    return (ApplicationFailure) catchFailure(() -> client.query(query));
  }

  private static Throwable catchFailure(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  private void answer(int code, String body) {
    prometheus.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  private String base() {
    return "http://127.0.0.1:" + prometheus.getPort() + "/";
  }
}
