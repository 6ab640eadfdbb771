package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.cli.CliHarness.Run;
import dev.baton.cli.release.Decision;
import dev.baton.release.ApprovalRequest;
import dev.baton.testing.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton release …` against the embedded Temporal service over real gRPC. */
class ReleaseCliTest {
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
  void aReleaseDoesNotStartWhileADrillMovesTraffic() {
    Run drill = harness.baton("drill", "run", "--detach");
    assertThat(drill.code()).as(drill.err()).isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!harness.baton("drill", "status").out().contains("bake")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(harness.baton("drill", "status").out()).as("the drill bakes").contains("bake");

    Run refused = harness.baton("release", "start", "--version", "v2");
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .isEqualTo(
            "baton: a drill of shop is running (workflow baton-drill-shop); start the release"
                + " when it has ended: see `baton drill status`\n");
    assertThat(harness.world.versions).doesNotContainValue("v2");
    harness.client().newUntypedWorkflowStub("baton-drill-shop").terminate("test ended");
  }

  @Test
  void aReleaseStartsWaitsForApprovalAndSwapsTheRoles() {
    Run started = harness.baton("release", "start", "--version", "v2");
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out())
        .startsWith("started release v2 of shop (workflow baton-release-shop)");

    Run waiting = harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    assertThat(waiting.out())
        .contains("release v2 of shop, requested by carol: RUNNING")
        .contains("active: primary   standby: secondary")
        .containsPattern("deploy-standby +succeeded")
        .contains("baton release approve --step switch --as NAME");

    Run approved = harness.baton("release", "approve", "--as", "alice", "--comment", "go");
    assertThat(approved.code()).as(approved.err()).isZero();
    assertThat(approved.out()).isEqualTo("approved switch of release v2 (shop) as alice\n");

    Run done = harness.awaitStatus(r -> r.out().contains(": SUCCEEDED"));
    assertThat(done.out())
        .contains("active: secondary   standby: primary")
        .contains("alice approve switch (update)")
        .contains("release v2 done: secondary active, primary standby, both on v2");
    assertThat(harness.world.routerTarget).isEqualTo("secondary");
    assertThat(harness.world.versions)
        .containsEntry("primary", "v2")
        .containsEntry("secondary", "v2");

    Run json = harness.baton("release", "status", "--output", "json");
    assertThat(json.out())
        .contains("\"outcome\" : \"SUCCEEDED\"")
        .contains("\"step\" : \"BACKFILL\"");
  }

  @Test
  void aSecondStartIsRefusedNamingTheRunningRelease() {
    harness.baton("release", "start", "--version", "v2");
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    Run second = harness.baton("release", "start", "--version", "v3");
    assertThat(second.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(second.err())
        .isEqualTo(
            "baton: release v2 (step approve, waiting for approval of switch) of shop is"
                + " still running; one release at a time: see `baton release status`, or `baton"
                + " release cancel`\n");
  }

  @Test
  void aStartRightAfterTheLastReleaseEndedWaitsForItToCloseInsteadOfRefusing() throws Exception {
    harness.baton("release", "start", "--version", "v2");
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    CountDownLatch webhook = new CountDownLatch(1);
    harness.world.webhookHeld = webhook; // the release's last notification hangs until released
    assertThat(harness.baton("release", "approve", "--as", "alice").code()).isZero();
    harness.awaitStatus(r -> r.out().contains(": SUCCEEDED")); // ended, and still open

    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Run> next =
        CompletableFuture.supplyAsync(
            () ->
                harness.baton(
                    err -> {
                      if (err.contains("is sending its last notification")) {
                        waiting.countDown();
                      }
                    },
                    "release",
                    "start",
                    "--version",
                    "v3"));
    assertThat(waiting.await(60, TimeUnit.SECONDS)).as("start waits for v2 to close").isTrue();
    webhook.countDown();
    Run started = next.get(60, TimeUnit.SECONDS);

    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.err())
        .isEqualTo(
            "release v2 ended SUCCEEDED and is sending its last notification; starting once it"
                + " has closed\n");
    assertThat(started.out()).startsWith("started release v3 of shop");
  }

  @Test
  @Fault(
      dependency = "approval",
      fault = "unlisted approver, four-eyes, wrong step (CLI)",
      outcome = "one line `baton: approve refused: ...`; exit 3")
  void approvalsTheRulesRefuseExitWithThree() {
    harness.baton("release", "start", "--version", "v2");
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    Run mallory = harness.baton("release", "approve", "--as", "mallory");
    assertThat(mallory.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(mallory.err())
        .isEqualTo(
            "baton: approve refused: mallory is not an allowed approver (allowed: alice,"
                + " bob, carol)\n");
    Run self = harness.baton("release", "approve"); // $USER is carol, who requested it
    assertThat(self.err())
        .isEqualTo(
            "baton: approve refused: four-eyes rule: carol requested this release and"
                + " cannot approve it\n");
    Run wrongStep = harness.baton("release", "approve", "--step", "backfill", "--as", "bob");
    assertThat(wrongStep.err()).contains("step 'backfill' is not waiting for approval");
  }

  @Test
  void startWithWaitFollowsTheReleaseAndARejectionExitsWithThree() throws Exception {
    CompletableFuture<Run> waiting =
        CompletableFuture.supplyAsync(
            () -> harness.baton("release", "start", "--version", "v2", "--wait"));
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    Run rejected = harness.baton("release", "reject", "--as", "bob", "--comment", "not today");
    assertThat(rejected.code()).as(rejected.err()).isZero();

    Run followed = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(followed.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(followed.out())
        // Lines appear as steps change; which intermediate states a poll sees is timing.
        .containsPattern("(?m)^approve +failed +switch rejected by bob: not today$")
        .contains("release v2 of shop, requested by carol: REJECTED")
        .contains("approve: switch rejected by bob: not today; traffic untouched on primary");
    assertThat(harness.world.routerTarget).isEqualTo("primary");
  }

  @Test
  void cancelWhileWaitingLeavesTrafficAlone() {
    harness.baton("release", "start", "--version", "v2");
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    Run cancelled = harness.baton("release", "cancel");
    assertThat(cancelled.code()).as(cancelled.err()).isZero();
    assertThat(cancelled.out())
        .contains("cancel requested for release v2 of shop")
        .contains("approve: cancelled; traffic untouched on primary");
    assertThat(harness.baton("release", "status").out()).contains(": CANCELLED");
    assertThat(harness.baton("release", "approve", "--as", "alice").err())
        .contains("release v2 of shop has ended (CANCELLED); nothing to approve");
  }

  @Test
  @Fault(
      dependency = "approval",
      fault = "reaches a release that ended after the CLI's check",
      outcome = "refused naming how it ended; exit 3")
  void aDecisionThatReachesAnEndedReleaseIsRefusedNamingHowItEnded() {
    harness.baton("release", "start", "--version", "v2");
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    assertThat(harness.baton("release", "cancel").code()).isZero();
    harness.awaitStatus(r -> r.out().contains(": CANCELLED"));

    // What `baton release approve` sends once its check found the release waiting.
    BatonCliException refused =
        catchThrowableOfType(
            BatonCliException.class,
            () ->
                Decision.send(
                    harness.client(), "shop", new ApprovalRequest("switch", "alice", ""), true));

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.getMessage())
        .isEqualTo(
            "approve refused: the release ended (CANCELLED) before the decision reached it;"
                + " nothing to approve");
  }

  @Test
  @Fault(
      dependency = "--version",
      fault = "option or shell injection (`--rm -rf /`), CLI",
      outcome = "refused while parsing: one line naming the version; exit 2")
  void badInputExitsWithTwoAndAnUnreachableTemporalWithFour() throws Exception {
    Run badVersion = harness.baton("release", "start", "--version", "--rm -rf /");
    assertThat(badVersion.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(badVersion.err()).contains("is not a valid version: use an image tag");

    Run noRelease = harness.baton("release", "status");
    assertThat(noRelease.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(noRelease.err()).contains("no release of shop on this Temporal service yet");

    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    java.util.Map<String, String> env = new java.util.HashMap<>(harness.env());
    env.put("BATON_TEMPORAL_ADDRESS", "127.0.0.1:" + deadPort);
    Run unreachable = harness.baton(env, "release", "status");
    assertThat(unreachable.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.err())
        .startsWith("baton: waiting up to 20s for Temporal at 127.0.0.1:" + deadPort)
        .endsWith(
            "baton: cannot reach Temporal at 127.0.0.1:"
                + deadPort
                + "; start one with"
                + " `baton dev` (or `baton server --dev`), or set BATON_TEMPORAL_ADDRESS /"
                + " temporal.address\n");
  }

  @Test
  void statusShowsTheSplitWhileAWeightedShiftRuns() throws Exception {
    harness.close();
    Path config = dir.resolve("shift.yml");
    java.nio.file.Files.writeString(
        config,
        CliHarness.yaml("127.0.0.1:7233")
            .replace("steps: [switch]", "steps: []")
            .replace("  bake: 1s", "  bake: 1s\n  shift: [25, 100]\n  shiftPause: 3s"));
    harness = new CliHarness(config, null);
    assertThat(harness.baton("release", "start", "--version", "v2").code()).isZero();

    Run split = harness.awaitStatus(r -> r.out().contains("traffic: "));
    assertThat(split.out())
        .contains("traffic: 25% on secondary, 75% on primary")
        .containsPattern("switch +running .*25% on secondary \\(step 1 of 2\\)");
    Run done = harness.awaitStatus(r -> r.out().contains(": SUCCEEDED"));
    assertThat(done.out()).doesNotContain("traffic: ").contains("after 25% held 3s");
    assertThat(harness.world.calls).contains("router.shift secondary 25");
  }
}
