package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.CliHarness.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton history` against the embedded Temporal service (no visibility queries: the fallback) after
 * a few fake-world releases.
 */
class HistoryCliTest {
  @TempDir Path dir;
  private CliHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CliHarness(dir);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void pastReleasesNewestFirstWithOutcomeApproversAndStepDurations() throws Exception {
    Run empty = harness.baton("history");
    assertThat(empty.code()).as(empty.err()).isZero();
    assertThat(empty.out()).startsWith("no release, failover, drill or deploy of shop");

    assertThat(harness.baton("deploy", "--site", "primary", "--version", "v1").code()).isZero();
    release("v2", "approve", "--as", "alice", "--comment", "go");
    awaitStatus(r -> r.out().contains(": SUCCEEDED"));
    release("v3", "reject", "--as", "bob", "--comment", "not today");
    awaitStatus(r -> r.out().contains(": REJECTED"));

    Run history = harness.baton("history");
    assertThat(history.code()).as(history.err()).isZero();
    String when = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    assertThat(history.out())
        .containsPattern(
            "^STARTED +KIND +VERSION +OUTCOME +TOOK +BY +APPROVED BY\n"
                + when
                + " +release +v3 +REJECTED +\\d+\\.\\ds +carol +-\n"
                + "    plan \\d+\\.\\ds, publish skipped, migrate skipped, deploy-standby \\d+\\.\\ds, validate \\d+\\.\\ds,"
                // no release.smoke here: the step says it was skipped
                + " smoke skipped, approve failed in \\d+\\.\\ds\n"
                + "    approve: switch rejected by bob: not today; traffic untouched on secondary\n"
                + when
                + " +release +v2 +SUCCEEDED +\\d+\\.\\ds +carol +alice \\(switch\\)\n"
                + "    plan .*, backfill \\d+\\.\\ds, done \\d+\\.\\ds\n"
                + "    release v2 done: secondary active, primary standby, both on v2\n"
                + when
                + " +deploy +v1 +SUCCEEDED +\\d+\\.\\ds +- +-\n"
                + "    fake deploy\n")
        .endsWith(
            "(listed from the open and closed workflows: this Temporal service answered the"
                + " visibility query with UNIMPLEMENTED, as the embedded one does)\n");

    Run last = harness.baton("history", "--limit", "1", "--output", "json");
    assertThat(last.code()).as(last.err()).isZero();
    JsonNode entries = new ObjectMapper().readTree(last.out());
    assertThat(entries).hasSize(1);
    JsonNode v3 = entries.get(0);
    assertThat(v3.get("kind").asText()).isEqualTo("release");
    assertThat(v3.get("version").asText()).isEqualTo("v3");
    assertThat(v3.get("status").asText()).isEqualTo("FAILED");
    assertThat(v3.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(v3.get("workflowId").asText()).isEqualTo("baton-release-shop");
    List<String> steps = new ArrayList<>();
    v3.get("steps").forEach(step -> steps.add(step.get("name").asText()));
    assertThat(steps).containsSubsequence("plan", "publish", "migrate", "deploy-standby");

    assertThat(harness.baton("history", "--limit", "0").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  private void release(String version, String decision, String... as) {
    Run started = harness.baton("release", "start", "--version", version);
    assertThat(started.code()).as(started.err()).isZero();
    awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    String[] args = new String[as.length + 2];
    args[0] = "release";
    args[1] = decision;
    System.arraycopy(as, 0, args, 2, as.length);
    Run decided = harness.baton(args);
    assertThat(decided.code()).as(decided.err()).isZero();
  }

  private void awaitStatus(Predicate<Run> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Run run = harness.baton("release", "status");
    while (!until.test(run) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(until.test(run)).as("status:\n%s%s", run.out(), run.err()).isTrue();
  }
}
