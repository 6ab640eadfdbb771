package dev.baton.router;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Proves a switch through the router's own listener: responses must name the new upstream in the
 * {@code X-Baton-Upstream} header (nginx: {@code add_header X-Baton-Upstream $upstream_addr
 * always;}; haproxy: {@code http-response set-header X-Baton-Upstream "%si:%sp"}) several times in
 * a row; after a weighted shift, at least once. Each request uses a new connection, as a new client
 * would, since old nginx workers keep serving their open keep-alive connections for a while.
 */
final class SwitchVerifier {
  static final String HEADER = "X-Baton-Upstream";
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private final String frontUrl;
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectionPool(new ConnectionPool(0, 1, java.util.concurrent.TimeUnit.SECONDS))
          .callTimeout(Duration.ofSeconds(2))
          .retryOnConnectionFailure(false)
          .build();

  SwitchVerifier(String frontUrl) {
    this.frontUrl = frontUrl;
  }

  /**
   * Null once {@code address} served {@code inARowNeeded} requests in a row; else what was seen.
   */
  String awaitUpstream(String address, int inARowNeeded) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int inARow = 0;
    String seen = "no answer yet";
    while (System.nanoTime() < deadline) {
      seen = upstreamOfOneRequest();
      inARow = address.equals(seen) ? inARow + 1 : 0;
      if (inARow == inARowNeeded) {
        return null;
      }
      Thread.onSpinWait();
    }
    return frontUrl + " was still served by " + seen + " after " + DEADLINE.toSeconds() + "s";
  }

  /**
   * How many requests a shift of {@code percent} may take to reach the new site once: nginx's
   * weighted round robin sends it one in every 100/percent requests of each worker, and other
   * clients' requests take turns too, so allow ten times that (at least 20).
   */
  static int requestsToSee(int percent) {
    return Math.max(20, 10 * ((100 + percent - 1) / percent));
  }

  /**
   * Null once a request was answered by {@code address} (successfully), within {@code maxRequests}
   * requests and the deadline; else what the requests saw.
   */
  String awaitOneFrom(String address, int maxRequests) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Map<String, Integer> seen = new TreeMap<>();
    int sent = 0;
    while (sent < maxRequests && System.nanoTime() < deadline) {
      String upstream = upstreamOfOneRequest();
      sent++;
      if (address.equals(upstream)) {
        return null;
      }
      seen.merge(upstream, 1, Integer::sum);
    }
    return "none of "
        + sent
        + " requests to "
        + frontUrl
        + " was answered by "
        + address
        + " (answers: "
        + seen
        + ")";
  }

  private String upstreamOfOneRequest() {
    Request request = new Request.Builder().url(frontUrl).header("Connection", "close").build();
    try (Response response = http.newCall(request).execute()) {
      String upstream = response.header(HEADER);
      if (upstream == null) {
        return "a response without "
            + HEADER
            + " (the router must add it to every answer: docs/routers.md)";
      }
      return response.isSuccessful() ? upstream : upstream + " (HTTP " + response.code() + ")";
    } catch (IOException e) {
      return "an error: " + e.getMessage();
    }
  }
}
