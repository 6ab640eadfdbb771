package dev.baton.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GETs each app's health URL, all at once; any 2xx within the timeout is healthy. At once because
 * the monitor's failure detection and a failover's standby check wait for the slowest app, not for
 * the sum of them.
 */
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
    Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
    urls.forEach((app, url) -> checks.put(app, check(url)));
    Map<String, String> failures = new LinkedHashMap<>();
    checks.forEach(
        (app, check) -> {
          String why = check.join(); // never fails: the call timeout bounds it
          if (why != null) {
            failures.put(app, why);
          }
        });
    return failures;
  }

  /** Completes with null when healthy, else why not. */
  private CompletableFuture<String> check(String url) {
    CompletableFuture<String> why = new CompletableFuture<>();
    Request request;
    try {
      request = new Request.Builder().url(url).get().build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(e.getMessage() + " (" + url + ")");
    }
    http.newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  why.complete(
                      response.isSuccessful() ? null : "HTTP " + response.code() + " from " + url);
                }
              }

              @Override
              public void onFailure(Call call, IOException e) {
                why.complete(
                    (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + " ("
                        + url
                        + ")");
              }
            });
    return why;
  }
}
