package dev.baton.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.FailureKind;
import dev.baton.net.GuardedDns;
import dev.baton.net.OutboundUrl;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks Prometheus' HTTP API for an instant query ({@code GET <url>/api/v1/query?query=...}).
 * Prometheus not answering, or answering 5xx, is retryable ({@code METRICS_UNAVAILABLE}); a refused
 * query (HTTP 400/422, an error body, a range vector) or a URL baton may not call is not ({@code
 * BAD_CONFIG}): the operator must fix {@code release.bake.prometheus}.
 */
public final class PrometheusHttpActivities implements PrometheusActivities {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  private final OkHttpClient http;

  public PrometheusHttpActivities() {
    this(Duration.ofSeconds(10));
  }

  /** With {@code timeout} for the whole call (a test's is short). */
  PrometheusHttpActivities(Duration timeout) {
    http =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
  }

  @Override
  public PrometheusReading query(PrometheusQuery query) {
    String problem = OutboundUrl.problem(query.url(), true);
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release.bake.prometheus.url " + problem, FailureKind.BAD_CONFIG.type());
    }
    HttpUrl base = HttpUrl.parse(query.url());
    // A base URL's trailing "/" is replaced, not doubled: http://h/prom/ -> /prom/api/v1/query.
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("api/v1/query")
            .addQueryParameter("query", query.query())
            .build();
    String where = "Prometheus at " + base.scheme() + "://" + base.host() + ":" + base.port();
    OkHttpClient guarded = http.newBuilder().dns(new GuardedDns(!base.isHttps())).build();
    try (Response response =
        guarded.newCall(new Request.Builder().url(url).get().build()).execute()) {
      int status = response.code();
      String body = response.peekBody(MAX_BODY).string();
      if (status >= 500 || status == 429) {
        throw ApplicationFailure.newFailure(
            where + " answered HTTP " + status + firstLine(body),
            FailureKind.METRICS_UNAVAILABLE.type());
      }
      JsonNode json = parse(body);
      if (json == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            where
                + " answered HTTP "
                + status
                + " without Prometheus' JSON"
                + firstLine(body)
                + ": is release.bake.prometheus.url Prometheus' base URL?",
            FailureKind.BAD_CONFIG.type());
      }
      try {
        return PrometheusAnswer.read(json);
      } catch (IllegalArgumentException e) {
        throw ApplicationFailure.newNonRetryableFailure(
            where + ": " + e.getMessage(), FailureKind.BAD_CONFIG.type());
      }
    } catch (GuardedDns.Refused e) {
      throw ApplicationFailure.newNonRetryableFailure(
          where + " refused: " + e.getMessage(), FailureKind.BAD_CONFIG.type());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          where + " did not answer: " + describe(e), FailureKind.METRICS_UNAVAILABLE.type());
    }
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode json = MAPPER.readTree(body);
      return json != null && json.isObject() && json.has("status") ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstLine(String body) {
    String line = body.strip().lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      return "";
    }
    return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
