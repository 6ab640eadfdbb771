package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton dev &} and a command right after it: the command finds no service yet, says it waits
 * for one, and goes on once the service (and its workers) answer, instead of failing at once.
 */
class StartingServiceTest {
  @TempDir Path dir;

  @Test
  void aCommandWaitsForAServiceThatIsStillStartingAndSaysSo() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    Path config = CliHarness.writeConfig(dir);
    CountDownLatch waiting = new CountDownLatch(1);
    StringWriter err =
        new StringWriter() {
          @Override
          public void write(String text, int offset, int length) {
            super.write(text, offset, length);
            if (toString().contains("waiting up to 20s for Temporal at " + address)) {
              waiting.countDown();
            }
          }
        };
    StringWriter out = new StringWriter();
    BatonContext context =
        BatonContext.of(
            Map.of("BATON_CONFIG", config.toString(), "BATON_TEMPORAL_ADDRESS", address), dir);
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                Baton.run(
                    context, new PrintWriter(out), new PrintWriter(err), "release", "status"));

    assertThat(waiting.await(15, TimeUnit.SECONDS)).as("told it waits: %s", err).isTrue();
    assertThat(status).isNotDone();
    try (CliHarness service = CliHarness.onPort(dir, port)) {
      // The service answers now: the command reaches it and reports what it finds there.
      assertThat(status.get(30, TimeUnit.SECONDS)).as("err: %s", err).isEqualTo(ExitCodes.FAILED);
      assertThat(err.toString()).contains("no release of shop on this Temporal service yet");
    }
  }
}
