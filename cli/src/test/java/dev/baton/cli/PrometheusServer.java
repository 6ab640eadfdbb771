package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on a free port of 127.0.0.1, scraping
 * {@code targets} every second, with its data in a temporary directory: started before a test
 * class, stopped (and its directory removed) after it.
 */
public final class PrometheusServer implements BeforeAllCallback, AfterAllCallback {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  private final List<String> targets;
  private Path dir;
  private Process process;
  private int port;

  /** Scrapes {@code /metrics} of each {@code host:port} in {@code targets}. */
  public PrometheusServer(String... targets) {
    this.targets = List.of(targets);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The value of an instant query now: the largest of its series, or NaN when it returned none. */
  public double query(String promql) throws Exception {
    URI uri =
        URI.create(
            url()
                + "/api/v1/query?query="
                + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8));
    String body =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    double largest = Double.NaN;
    for (com.fasterxml.jackson.databind.JsonNode series :
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(body)
            .path("data")
            .path("result")) {
      double value = Double.parseDouble(series.path("value").path(1).asText());
      largest = Double.isNaN(largest) ? value : Math.max(largest, value);
    }
    return largest;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assertThat(BINARY).as("Debian's prometheus package (.ci/run installs it)").isExecutable();
    dir = Files.createTempDirectory("baton-prometheus");
    port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
            + "scrape_configs:\n  - job_name: shop\n    static_configs:\n      - targets: ["
            + String.join(", ", targets)
            + "]\n");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=1h")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    awaitReady();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  private void awaitReady() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "prometheus did not become ready on "
            + url()
            + ":\n"
            + Files.readString(dir.resolve("prometheus.log")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
