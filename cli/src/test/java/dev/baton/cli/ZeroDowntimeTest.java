package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.CliHarness.Run;
import dev.baton.load.LoadGenerator;
import dev.baton.load.LoadPlan;
import dev.baton.load.LoadReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady 50 requests/s through the real nginx while a real release switches traffic and then
 * rolls it back: no request may fail, and after each move every answer comes from the new site.
 */
class ZeroDowntimeTest {
  private static final String PRIMARY = "127.0.0.1:3000";
  private static final String SECONDARY = "127.0.0.1:3001";
  @RegisterExtension static final LocalSites localSites = new LocalSites(LocalSites.CONFIG);
  private static CliHarness harness;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
  }

  @Test
  void aSwitchAndARollbackUnderLoadLoseNoRequest(@TempDir Path dir) throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    Path stop = dir.resolve("stop");
    CompletableFuture<LoadReport> load =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return LoadGenerator.run(
                    new LoadPlan(
                        URI.create("http://127.0.0.1:8080/version"),
                        50, // the 200/s target is bench/switch-load-bench's; a test must not flake
                        Duration.ofMinutes(5),
                        stop,
                        // Slow is not lost: on two busy CPUs the demo app accepts late.
                        Duration.ofSeconds(10)));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      ok(harness.baton("release", "start", "--version", "v2"));
      awaitProgress(p -> "switch".equals(p.path("waitingFor").asText()));
      ok(harness.baton("release", "approve", "--as", "alice"));
      awaitProgress(
          p -> p.path("currentStep").asText().equals("BAKE") && bakeMessage(p).contains("passed"));
      ok(harness.baton("release", "rollback", "--as", "alice", "--reason", "zero-downtime test"));
    } finally {
      Files.createFile(stop);
    }
    LoadReport report = load.get();

    JsonNode end = progress();
    assertThat(end.path("outcome").asText()).isEqualTo("ROLLED_BACK");
    long switchStart = millis(step(end, "SWITCH").path("startedAt"));
    long rollbackStart = millis(step(end, "BAKE").path("endedAt"));
    assertThat(report.failed()).as(report.summary()).isZero();
    assertThat(report.byUpstream()).as(report.summary()).containsKeys(PRIMARY, SECONDARY);
    // Each move finished: from some point on, every answer came from the new site.
    assertThat(report.millisUntilAllFrom(SECONDARY, switchStart, rollbackStart))
        .as(report.summary())
        .isNotNegative();
    assertThat(report.millisUntilAllFrom(PRIMARY, rollbackStart, Long.MAX_VALUE))
        .as(report.summary())
        .isNotNegative();
  }

  private static JsonNode progress() throws Exception {
    Run run = harness.baton("release", "status", "--output", "json");
    return new ObjectMapper().readTree(run.out());
  }

  private static void awaitProgress(java.util.function.Predicate<JsonNode> until) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode p = progress();
    while (!until.test(p) && p.path("outcome").isNull() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      p = progress();
    }
    assertThat(until.test(p)).as("progress: %s", p).isTrue();
  }

  private static String bakeMessage(JsonNode p) {
    return step(p, "BAKE").path("message").asText();
  }

  private static JsonNode step(JsonNode p, String step) {
    for (JsonNode s : p.path("steps")) {
      if (s.path("step").asText().equals(step)) {
        return s;
      }
    }
    throw new AssertionError("no step " + step + " in " + p);
  }

  private static long millis(JsonNode instant) {
    return Instant.parse(instant.asText()).toEpochMilli();
  }
}
