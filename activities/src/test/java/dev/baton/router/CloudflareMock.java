package dev.baton.router;

import dev.baton.config.DnsRouterConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer on 127.0.0.1 that answers like Cloudflare's v4 API, and a router aimed at it. */
final class CloudflareMock implements AutoCloseable {
  static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String RECORD_ID = "372e67954025e0ba6aaa6d586b9e0b59";
  static final String NAME = "shop.example.com";
  static final String PRIMARY = "192.0.2.10";
  static final String SECONDARY = "192.0.2.20";
  static final String TOKEN = "test-token-Zq9";
  final MockWebServer server = new MockWebServer();

  CloudflareMock() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/client/v4";
  }

  DnsRouterConfig config(Duration readTimeout) {
    return new DnsRouterConfig(
        DnsRouterConfig.CLOUDFLARE,
        apiUrl(),
        ZONE,
        NAME,
        "A",
        60,
        "CF_API_TOKEN",
        null,
        Duration.ofSeconds(2),
        readTimeout,
        targets(),
        true); // the mock API is plain http on 127.0.0.1
  }

  private static Map<String, String> targets() {
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("primary", PRIMARY);
    targets.put("secondary", SECONDARY);
    return targets;
  }

  DnsRouterActivities router() {
    return router(Duration.ofSeconds(5));
  }

  DnsRouterActivities router(Duration readTimeout) {
    DnsRouterConfig config = config(readTimeout);
    return new DnsRouterActivities(config, DnsRouterActivities.provider(config, () -> TOKEN));
  }

  static String record(String content) {
    return "{\"id\":\""
        + RECORD_ID
        + "\",\"zone_id\":\""
        + ZONE
        + "\",\"name\":\""
        + NAME
        + "\",\"type\":\"A\",\"content\":\""
        + content
        + "\",\"proxied\":false,\"ttl\":60}";
  }

  void ok(String result) {
    enqueue(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}");
  }

  void found(String... contents) {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < contents.length; i++) {
      String one = record(contents[i]);
      list.append(i == 0 ? "" : ",").append(i == 0 ? one : one.replace(RECORD_ID, "other" + i));
    }
    ok(list.append("]").toString());
  }

  void error(int code, int cfCode, String message) {
    enqueue(
        code,
        "{\"success\":false,\"errors\":[{\"code\":"
            + cfCode
            + ",\"message\":\""
            + message
            + "\"}],\"messages\":[],\"result\":null}");
  }

  void enqueue(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  /** An answer that comes only after {@code delay}: longer than the client waits. */
  void stalled(Duration delay, String result) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .body("{\"success\":true,\"errors\":[],\"result\":" + result + "}")
            .build());
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("expected another request to the mock API");
    }
    return request;
  }

  @Override
  public void close() {
    server.close();
  }
}
