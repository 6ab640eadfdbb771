package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.worker.TemporalConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `baton server --dev` as its own process: it serves on loopback and stops cleanly on SIGTERM. */
class ServerProcessTest {

  @Test
  void theDevServiceAnswersOnLoopbackAndFreesItsPortOnSigterm() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Baton.class.getName(),
                "server",
                "--dev",
                "--port",
                String.valueOf(port))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line)
          .isEqualTo(
              "Temporal dev service on 127.0.0.1:"
                  + port
                  + " (in memory: everything is lost when it stops)");
      try (TemporalConnection connection =
          TemporalConnection.connect("127.0.0.1:" + port, "default", Duration.ofSeconds(5))) {
        assertThat(connection.client().getOptions().getNamespace()).isEqualTo("default");
      }

      server.destroy(); // SIGTERM
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(server.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook
      try (ServerSocket again = new ServerSocket()) {
        again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free again
        assertThat(again.isBound()).isTrue();
      }
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void serverWithoutDevIsAUsageError() {
    String[] args = {"server"};
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int code =
        Baton.run(
            new BatonContext(java.util.Map.of(), Path.of("."), c -> null),
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            args);
    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("Missing required option: '--dev'");
    assertThat(List.of(out.toString())).containsExactly("");
  }
}
