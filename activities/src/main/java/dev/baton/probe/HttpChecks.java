package dev.baton.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** GETs each app's health URL; any 2xx within the timeout is healthy. */
public final class HttpChecks {
  private final OkHttpClient http;

  public HttpChecks(Duration timeout) {
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
  }

  /** App name to why its check failed; empty when every app answered 2xx. */
  public Map<String, String> failures(Map<String, String> urls) {
    Map<String, String> failures = new LinkedHashMap<>();
    urls.forEach(
        (app, url) -> {
          String why = check(url);
          if (why != null) {
            failures.put(app, why);
          }
        });
    return failures;
  }

  private String check(String url) {
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      return response.isSuccessful() ? null : "HTTP " + response.code() + " from " + url;
    } catch (IOException e) {
      return (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + " ("
          + url
          + ")";
    }
  }
}
