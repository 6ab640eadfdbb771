package dev.baton.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's protocol, spoken the way the ./baton wrapper speaks it over /dev/tcp. */
class CliDaemonTest {
  private static final String TOKEN = "s3cret";
  @TempDir Path dir;
  private ServerSocket server;
  private CompletableFuture<Void> serving;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = serveAsync(server, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void eachCallRunsWithItsOwnEnvironmentAndDirectoryAndKeepsTheStreamsApart() throws Exception {
    Files.writeString(dir.resolve("good.yml"), CONFIG);
    Files.writeString(dir.resolve("bad.yml"), CONFIG.replace("project: shop", "project: 3 4"));

    String good = call(TOKEN, List.of("config", "validate"), Map.of("BATON_CONFIG", "good.yml"));
    String bad = call(TOKEN, List.of("config", "validate"), Map.of("BATON_CONFIG", "bad.yml"));

    assertThat(good).startsWith("o ").doesNotContain("\ne ").endsWith("\nx 0\n");
    assertThat(bad).contains("e ").contains("bad.yml").endsWith("\nx 2\n");
    assertThat(call(TOKEN, List.of("--version"), Map.of()))
        .startsWith("o baton ")
        .endsWith("x 0\n");
  }

  @Test
  void aCallWithoutTheTokenIsNotAnswered() throws Exception {
    assertThat(call("guess", List.of("--version"), Map.of())).isEmpty();
  }

  @Test
  void aClientThatStallsIsCutOffAndTheNextCallIsAnswered() throws Exception {
    try (ServerSocket strict = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(
          () -> {
            try {
              CliDaemon.serve(strict, TOKEN, Duration.ofSeconds(30), Duration.ofMillis(300));
            } catch (IOException e) {
              // the test closed the socket
            }
          });
      try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), strict.getLocalPort())) {
        stalled.getOutputStream().write((DaemonCall.MAGIC + "\0").getBytes(StandardCharsets.UTF_8));
        stalled.getOutputStream().flush(); // then nothing more
        stalled.setSoTimeout(10_000); // the test's own bound; the daemon's is 300 ms
        assertThat(stalled.getInputStream().read()).as("closed by the daemon").isEqualTo(-1);
      }
    }
    assertThat(call(TOKEN, List.of("--version"), Map.of())).startsWith("o baton ");
  }

  @Test
  void theDaemonStopsWhenNoCallCameForItsIdleTime() throws Exception {
    try (ServerSocket idle = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      serveAsync(idle, Duration.ofMillis(200)).get(10, TimeUnit.SECONDS); // it returned by itself
    }
    assertThat(serving).isNotDone(); // while the one that had calls still serves
  }

  private static CompletableFuture<Void> serveAsync(ServerSocket socket, Duration idle) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            CliDaemon.serve(socket, TOKEN, idle);
          } catch (IOException e) {
            // the test closed the socket
          }
        });
  }

  /** What the wrapper sends, and everything the daemon answers until it closes. */
  private String call(String token, List<String> args, Map<String, String> env) throws IOException {
    List<String> fields = new ArrayList<>(List.of(DaemonCall.MAGIC, token, dir.toString()));
    fields.add(Integer.toString(args.size()));
    fields.addAll(args);
    env.forEach((k, v) -> fields.add(k + "=" + v));
    fields.add("");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    for (String field : fields) {
      request.write(field.getBytes(StandardCharsets.UTF_8));
      request.write(0);
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      socket.getOutputStream().write(request.toByteArray());
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final String CONFIG =
      """
      project: shop
      sites:
        - id: primary
          docker: unix:///run/baton/primary/docker.sock
          compose: {workdir: ., files: [docker-compose.yml]}
          health: {api: "http://127.0.0.1:3000/health"}
        - id: secondary
          docker: unix:///run/baton/secondary/docker.sock
          compose: {workdir: ., files: [docker-compose.yml]}
          health: {api: "http://127.0.0.1:3001/health"}
      router:
        type: nginx
        upstreamFile: upstream.conf
        nginxConfig: nginx.conf
        frontUrl: http://127.0.0.1:8080/
        upstreams: {primary: "127.0.0.1:3000", secondary: "127.0.0.1:3001"}
      """;
}
