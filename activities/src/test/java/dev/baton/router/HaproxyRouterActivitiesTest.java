package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.FailureKind;
import dev.baton.config.HaproxyRouterConfig;
import io.temporal.failure.ApplicationFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The haproxy router against a real HAProxy (skipped where none is installed). */
class HaproxyRouterActivitiesTest {
  @TempDir Path dir;
  private Backend primary;
  private Backend secondary;
  private LocalHaproxy haproxy;
  private HaproxyRouterActivities router;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(LocalHaproxy.installed(), "haproxy is not installed at " + LocalHaproxy.BINARY);
    primary = new Backend();
    secondary = new Backend();
    haproxy = new LocalHaproxy(dir, primary.address(), secondary.address());
    haproxy.start();
    router = new HaproxyRouterActivities(haproxy.routerConfig());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (haproxy != null) {
      haproxy.close();
    }
    if (primary != null) {
      primary.close();
      secondary.close();
    }
  }

  @Test
  void aSwitchMovesTheNextRequestOfAnOpenKeepAliveConnectionAndCurrentTargetFollows()
      throws Exception {
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");
    try (KeepAlive client = new KeepAlive(haproxy.port)) {
      assertThat(client.upstreamOfNextRequest()).isEqualTo(primary.address());

      SwitchResult result = router.switchTo(new SwitchRequest("shop", "primary", "secondary"));

      assertThat(result.target()).isEqualTo("secondary");
      assertThat(result.detail()).contains("shop/secondary ready");
      assertThat(client.upstreamOfNextRequest())
          .as("the same client connection, still open: its next request goes to the new site")
          .isEqualTo(secondary.address());
    }
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("secondary");
  }

  @Test
  void aSwitchIsIdempotentAndWritesTheStateFileThatARestartedHaproxyLoads() throws Exception {
    router.switchTo(new SwitchRequest("shop", "primary", "secondary"));
    router.switchTo(new SwitchRequest("shop", "primary", "secondary"));
    assertThat(Files.readString(haproxy.stateFile)).startsWith("1\n# be_id ");

    haproxy.restart();

    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("secondary");
    try (KeepAlive client = new KeepAlive(haproxy.port)) {
      assertThat(client.upstreamOfNextRequest()).isEqualTo(secondary.address());
    }
  }

  @Test
  void aWeightedShiftSplitsTrafficAndTheSiteTrafficComesFromStaysTheTargetAtFiftyPercent()
      throws Exception {
    ShiftResult ten = router.shift(new ShiftRequest("shop", "primary", "secondary", 10));
    assertThat(ten.detail()).contains("weights primary 181, secondary 20");
    Map<String, Integer> answers = new java.util.TreeMap<>();
    try (KeepAlive client = new KeepAlive(haproxy.port)) {
      for (int i = 0; i < 201; i++) {
        answers.merge(client.upstreamOfNextRequest(), 1, Integer::sum);
      }
    }
    // Smooth weighted round robin: 20 of every 201 requests, in one client's requests too.
    assertThat(answers).containsEntry(secondary.address(), 20);
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");

    router.shift(new ShiftRequest("shop", "primary", "secondary", 50));
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");

    router.shift(new ShiftRequest("shop", "primary", "secondary", 100));
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("secondary");
  }

  @Test
  void aSwitchToASiteThatDoesNotAnswerIsRestored() throws Exception {
    secondary.close();

    ApplicationFailure failure =
        catchThrowableOfType(
            () -> router.switchTo(new SwitchRequest("shop", "primary", "secondary")),
            ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo(FailureKind.SWITCH_FAILED.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("router haproxy: after the switch to secondary, ")
        .endsWith(
            "; restored the previous server states (primary: primary (ready, weight 200),"
                + " secondary: secondary (maint))");
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");
    try (KeepAlive client = new KeepAlive(haproxy.port)) {
      assertThat(client.upstreamOfNextRequest()).isEqualTo(primary.address());
    }
  }

  @Test
  void aServerTheBackendDoesNotHaveIsBadConfigAndChangesNothing() throws Exception {
    HaproxyRouterConfig config = haproxy.routerConfig();
    HaproxyRouterActivities wrong =
        new HaproxyRouterActivities(
            new HaproxyRouterConfig(
                config.socket(),
                config.backend(),
                Map.of("primary", "primary", "secondary", "dc2"), // order does not matter here
                config.frontUrl(),
                config.stateFile(),
                null));

    ApplicationFailure failure =
        catchThrowableOfType(
            () -> wrong.switchTo(new SwitchRequest("shop", "primary", "secondary")),
            ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router haproxy: backend shop has no server dc2 for site secondary (router.servers;"
                + " HAProxy has: primary, secondary)");
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");
  }

  @Test
  void aSocketThatDoesNotAnswerIsARetryableFailure() throws Exception {
    haproxy.close();

    ApplicationFailure failure =
        catchThrowableOfType(
            () -> router.currentTarget(new RouterRequest("shop")), ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo(RouterFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .startsWith("router haproxy: HAProxy's admin socket " + haproxy.socket + " did not answer")
        .endsWith("(is HAProxy running, and router.socket its admin socket?)");
  }

  @Test
  void theAccessLogIsInBatonsFormat() throws Exception {
    long before = System.currentTimeMillis();
    try (KeepAlive client = new KeepAlive(haproxy.port)) {
      client.upstreamOfNextRequest();
    }
    router.switchTo(new SwitchRequest("shop", "primary", "secondary"));
    long after = System.currentTimeMillis();
    // HAProxy writes a line when a request ends; the switch's own verification sent some too.
    RequestErrors errors =
        AccessLogRequestLog.haproxy(haproxy.routerConfig())
            .requestErrors(
                new RequestErrorsRequest("shop", before - 1000, after + 1000, "primary"));
    assertThat(errors.measured()).as(errors.detail()).isTrue();
    assertThat(errors.requests()).isEqualTo(1);
    assertThat(errors.errors()).isZero();
    assertThat(errors.p99Millis()).isNotNegative();
  }

  /** One client connection, kept open: several requests, one after the other. */
  private static final class KeepAlive implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    KeepAlive(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(5000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      out = socket.getOutputStream();
    }

    /** Sends GET / and returns the X-Baton-Upstream of its answer, which must be a 200. */
    String upstreamOfNextRequest() throws IOException {
      out.write("GET / HTTP/1.1\r\nHost: shop\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String status = in.readLine();
      assertThat(status).startsWith("HTTP/1.1 200");
      String upstream = null;
      int length = 0;
      for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("x-baton-upstream:")) {
          upstream = line.substring(line.indexOf(':') + 1).strip();
        } else if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
        }
      }
      in.skip(length);
      return upstream;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
