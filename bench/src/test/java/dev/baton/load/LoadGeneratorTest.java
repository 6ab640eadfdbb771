package dev.baton.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {
  private HttpServer server;
  private final AtomicInteger answered = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // Every fifth request fails with a 502, the way nginx answers when a site is down.
    server.createContext(
        "/",
        exchange -> {
          int n = answered.incrementAndGet();
          exchange.getResponseHeaders().add("X-Baton-Upstream", "127.0.0.1:3000");
          exchange.sendResponseHeaders(n % 5 == 0 ? 502 : 200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/version");
  }

  @Test
  void countsEveryRequestAndEveryFailure() throws Exception {
    LoadReport report =
        LoadGenerator.run(
            new LoadPlan(url(), 200, Duration.ofMillis(500), null, Duration.ofSeconds(2)));

    // 200/s for 0.5 s: at most 100 requests (fewer if the machine starves the ticker).
    assertThat(report.samples()).hasSizeBetween(60, 100);
    assertThat(report.samples()).hasSize(answered.get());
    assertThat(report.failed()).isEqualTo(answered.get() / 5);
    assertThat(report.errors()).containsOnlyKeys("HTTP 502");
    assertThat(report.byUpstream()).containsOnlyKeys("127.0.0.1:3000");
  }

  @Test
  void newConnectionsOpenOneConnectionPerRequestWhereKeepAliveReusesTheirs() throws Exception {
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    server.createContext(
        "/ports",
        exchange -> {
          ports.add(exchange.getRemoteAddress().getPort());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ports");

    LoadReport fresh =
        LoadGenerator.run(
            new LoadPlan(url, 200, Duration.ofMillis(500), null, Duration.ofSeconds(2), true));
    assertThat(fresh.failed()).isZero();
    assertThat(ports).hasSize(fresh.samples().size());

    ports.clear();
    LoadReport kept =
        LoadGenerator.run(
            new LoadPlan(url, 200, Duration.ofMillis(500), null, Duration.ofSeconds(2)));
    assertThat(kept.failed()).isZero();
    assertThat(ports).hasSizeLessThanOrEqualTo(32).hasSizeLessThan(kept.samples().size());
  }

  @Test
  void aStopFileEndsTheRunEarly(@TempDir Path dir) throws Exception {
    Path stop = dir.resolve("stop");
    Files.createFile(stop);
    long t0 = System.nanoTime();
    LoadGenerator.run(new LoadPlan(url(), 10, Duration.ofMinutes(5), stop, Duration.ofSeconds(2)));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aClosedPortIsAConnectionFailure() throws Exception {
    int port = server.getAddress().getPort();
    server.stop(0);
    LoadReport report =
        LoadGenerator.run(
            new LoadPlan(
                URI.create("http://127.0.0.1:" + port + "/"),
                50,
                Duration.ofMillis(200),
                null,
                Duration.ofSeconds(1)));
    assertThat(report.samples()).isNotEmpty();
    assertThat(report.failed()).isEqualTo(report.samples().size());
    assertThat(report.errors()).containsOnlyKeys("connection refused");
  }

  @Test
  void loadNeverLeavesLoopbackAndIsBounded() {
    assertThatThrownBy(
            () ->
                new LoadPlan(
                    URI.create("http://10.0.0.1/"),
                    10,
                    Duration.ofSeconds(1),
                    null,
                    Duration.ofSeconds(1)))
        .hasMessageContaining("127.0.0.0/8 only");
    assertThatThrownBy(
            () -> new LoadPlan(url(), 100_000, Duration.ofSeconds(1), null, Duration.ofSeconds(1)))
        .hasMessageContaining("requests per second");
    assertThatThrownBy(
            () -> new LoadPlan(url(), 10, Duration.ofMinutes(61), null, Duration.ofSeconds(1)))
        .hasMessageContaining("duration");
    assertThat(
            new LoadPlan(url(), 200, Duration.ofSeconds(10), null, Duration.ofSeconds(1))
                .maxRequests())
        .isEqualTo(2000);
    assertThat(
            new LoadPlan(url(), 3, Duration.ofMillis(500), null, Duration.ofSeconds(1))
                .maxRequests())
        .isEqualTo(2);
  }
}
