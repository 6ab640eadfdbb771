package dev.baton.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.config.HttpSmokeConfig;
import dev.baton.config.SmokeConfig;
import dev.baton.process.Redaction;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeResult;
import java.io.IOException;
import java.net.URI;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A declarative HTTP smoke test: one request to an app's origin (the scheme, host and port of its
 * health URL), judged by the status, then the body's text, then one JSON field. Never follows a
 * redirect: a 302 to a login page is not the answer the check expects.
 */
final class HttpSmoke {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each check gets its own timeouts on a client that shares this one's pools. */
  private static final OkHttpClient BASE =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).followRedirects(false).build();

  /** How much of a failing answer's body is kept: enough to see why. */
  static final int BODY_EXCERPT = 500;

  private HttpSmoke() {}

  /**
   * @param healthUrl the app's {@code sites[].health} URL on the site under test
   */
  static SmokeResult run(SmokeConfig smoke, String healthUrl) {
    HttpSmokeConfig check = smoke.http();
    OkHttpClient http =
        BASE.newBuilder()
            .callTimeout(smoke.timeout())
            .connectTimeout(smoke.timeout())
            .readTimeout(smoke.timeout())
            .build();
    HttpUrl url = HttpUrl.get(URI.create(origin(healthUrl) + check.path()));
    Request.Builder request = new Request.Builder().url(url);
    check.headers().forEach(request::header);
    RequestBody body =
        check.body() == null
            ? null
            : RequestBody.create(check.body(), MediaType.get("application/json"));
    if (body == null && java.util.List.of("POST", "PUT", "PATCH").contains(check.method())) {
      body = RequestBody.create(new byte[0]);
    }
    request.method(check.method(), body);
    long start = System.nanoTime();
    String what = check.method() + " " + check.path();
    try (Response response = http.newCall(request.build()).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      long millis = (System.nanoTime() - start) / 1_000_000;
      String why = judge(check, response.code(), text);
      return new SmokeResult(
          smoke.name(),
          SmokeKind.HTTP,
          check.app(),
          why == null,
          what + ": " + (why == null ? "HTTP " + response.code() : why),
          why == null ? "" : Redaction.excerpt(text, BODY_EXCERPT),
          millis);
    } catch (IOException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new SmokeResult(
          smoke.name(), SmokeKind.HTTP, check.app(), false, what + ": " + reason, "", millis);
    }
  }

  /** Why the answer is not the expected one, or null when it is. */
  static String judge(HttpSmokeConfig check, int status, String body) {
    if (status != check.status()) {
      return "expected HTTP " + check.status() + ", got " + status;
    }
    if (check.bodyContains() != null && !body.contains(check.bodyContains())) {
      return "HTTP " + status + " without \"" + check.bodyContains() + "\" in the body";
    }
    if (check.jsonField() == null) {
      return null;
    }
    JsonNode field;
    try {
      field = JSON.readTree(body).at(check.jsonField());
    } catch (IOException e) {
      return "HTTP " + status + ", but the body is not JSON";
    }
    if (field.isMissingNode()) {
      return "HTTP " + status + ", but the body has no " + check.jsonField();
    }
    String actual = field.isValueNode() ? field.asText() : field.toString();
    return actual.equals(check.jsonEquals())
        ? null
        : "HTTP "
            + status
            + ", but "
            + check.jsonField()
            + " is \""
            + Redaction.excerpt(actual, 100)
            + "\", not \""
            + check.jsonEquals()
            + "\"";
  }

  /** {@code http://127.0.0.1:3001} of {@code http://127.0.0.1:3001/health}. */
  static String origin(String healthUrl) {
    URI uri = URI.create(healthUrl);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
