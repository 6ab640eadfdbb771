package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.load.LoadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A real release followed as an operator's script would: through {@code baton release status
 * --output json}, polled until it shows what the test waits for. Shared by the Real* tests that
 * move traffic under load.
 */
final class ReleaseStatusJson {
  private final CliHarness harness;

  ReleaseStatusJson(CliHarness harness) {
    this.harness = harness;
  }

  JsonNode progress() throws Exception {
    return new ObjectMapper()
        .readTree(harness.baton("release", "status", "--output", "json").out());
  }

  /**
   * Polls until the progress matches, or the release ended, or 3 minutes passed; asserts that it
   * matches, and returns it.
   */
  JsonNode await(Predicate<JsonNode> until) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode p = progress();
    while (!until.test(p) && p.path("outcome").isNull() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      p = progress();
    }
    assertThat(until.test(p)).as("progress: %s", p).isTrue();
    return p;
  }

  /**
   * Releases v2, approves its switch as alice, waits for a passed bake and rolls it back: two moves
   * of the traffic, each verified by the router.
   */
  void switchThenRollBack(String reason) throws Exception {
    ok(harness.baton("release", "start", "--version", "v2"));
    await(p -> "switch".equals(p.path("waitingFor").asText()));
    ok(harness.baton("release", "approve", "--as", "alice"));
    await(p -> p.path("currentStep").asText().equals("BAKE") && bakeMessage(p).contains("passed"));
    ok(harness.baton("release", "rollback", "--as", "alice", "--reason", reason));
  }

  /**
   * {@link #switchThenRollBack} while {@code load} runs, which it stops at the end; asserts that
   * the release ended rolled back.
   */
  MovesUnderLoad switchThenRollBackUnder(BackgroundLoad load, String reason) throws Exception {
    try {
      switchThenRollBack(reason);
    } finally {
      load.requestStop();
    }
    LoadReport report = load.report();
    JsonNode end = progress();
    assertThat(end.path("outcome").asText()).isEqualTo("ROLLED_BACK");
    return new MovesUnderLoad(
        report,
        millis(step(end, "SWITCH").path("startedAt")),
        millis(step(end, "BAKE").path("endedAt")));
  }

  /** A switch and its rollback under load: the load's report and when each move started. */
  record MovesUnderLoad(LoadReport report, long switchStart, long rollbackStart) {
    /**
     * Each move finished: from some point on, every answer came from the new site ({@code to}'s
     * address after the switch, {@code from}'s after the rollback).
     */
    void assertEachMoveFinished(String from, String to) {
      assertThat(report.millisUntilAllFrom(to, switchStart, rollbackStart))
          .as(report.summary())
          .isNotNegative();
      assertThat(report.millisUntilAllFrom(from, rollbackStart, Long.MAX_VALUE))
          .as(report.summary())
          .isNotNegative();
    }
  }

  static String bakeMessage(JsonNode p) {
    return step(p, "BAKE").path("message").asText();
  }

  static JsonNode step(JsonNode p, String step) {
    for (JsonNode s : p.path("steps")) {
      if (s.path("step").asText().equals(step)) {
        return s;
      }
    }
    throw new AssertionError("no step " + step + " in " + p);
  }

  /** An instant of the progress (startedAt, endedAt) in epoch ms. */
  static long millis(JsonNode instant) {
    return Instant.parse(instant.asText()).toEpochMilli();
  }
}
