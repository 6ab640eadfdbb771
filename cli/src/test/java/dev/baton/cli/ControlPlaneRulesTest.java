package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.release.ReleaseResult;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control worker's baton.yml is the only source of rules: a CLI with a permissive file of its
 * own, or a client that starts the workflow through the raw API with rules in its input (as the Web
 * UI's Start Workflow does), is held to the control worker's approvers and four-eyes rule.
 */
class ControlPlaneRulesTest {
  @TempDir Path dir;
  private CliHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CliHarness(dir); // control worker: approvers alice, bob, carol; four-eyes
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aCliWithAPermissiveConfigCanNeitherSkipNorLoosenTheApprovalTheControlWorkerRequires()
      throws Exception {
    Path permissive = dir.resolve("permissive.yml");
    Files.writeString(
        permissive,
        CliHarness.yaml("127.0.0.1:7233")
            .replace("approvers: [alice, bob, carol]", "approvers: []")
            .replace("fourEyes: true", "fourEyes: false")
            .replace("steps: [switch]", "steps: []"));
    Map<String, String> env = new HashMap<>(harness.env());
    env.put("BATON_CONFIG", permissive.toString());

    Run started = harness.baton(env, "release", "start", "--version", "v2", "--as", "mallory");
    assertThat(started.code()).as(started.err()).isZero();
    Run waiting = harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    assertThat(waiting.out())
        .contains(
            "rules: approval of switch by alice, bob, carol (four-eyes), bake 1s; from the"
                + " control worker's "
                + harness.config
                + " (sha256 "
                + sha256(harness.config).substring(0, 12)
                + "), read at plan");

    Run approved = harness.baton(env, "release", "approve", "--as", "mallory");
    assertThat(approved.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(approved.err())
        .isEqualTo(
            "baton: approve refused: mallory is not an allowed approver (allowed: alice,"
                + " bob, carol)\n");
    assertThat(harness.world.routerTarget).isEqualTo("primary");
  }

  @Test
  void aReleaseStartedThroughTheRawApiWithItsOwnRulesAndSitesIsHeldToTheControlWorkers() {
    // What a raw client or the Web UI's Start Workflow sends: JSON with no approval steps, nobody
    // to ask, and a site of its choosing. None of it may count.
    Map<String, Object> policy = new HashMap<>();
    policy.put("approvalSteps", List.of());
    policy.put("approvers", List.of());
    policy.put("fourEyes", false);
    policy.put("deployTimeout", "PT1S");
    Map<String, Object> input =
        Map.of(
            "project", "shop",
            "version", "v2",
            "requestedBy", "mallory",
            "siteIds", List.of("primary", "evil"),
            "policy", policy);
    WorkflowStub release = rawStart(Names.releaseWorkflowId("shop"), input);

    Run waiting = harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    assertThat(waiting.out()).contains("active: primary   standby: secondary");
    Run refused = harness.baton("release", "approve", "--as", "mallory");
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(harness.world.versions).containsEntry("secondary", "v2");
    assertThat(harness.world.routerTarget).isEqualTo("primary");
    release.terminate("test ended");
  }

  @Test
  void aReleaseForAnotherProjectOrUnderAnotherIdIsRefusedBeforeItTouchesAnything() {
    ApplicationFailure otherProject =
        failureOf(
            rawStart(
                Names.releaseWorkflowId("other"),
                Map.of("project", "other", "version", "v2", "requestedBy", "mallory")));
    assertThat(otherProject.getType()).isEqualTo("BAD_REQUEST");
    assertThat(otherProject.getOriginalMessage())
        .startsWith(
            "plan: this control worker serves project shop, not \"other\": start it with that"
                + " project's id");

    ApplicationFailure otherId =
        failureOf(
            rawStart(
                "my-release",
                Map.of("project", "shop", "version", "v2", "requestedBy", "mallory")));
    assertThat(otherId.getType()).isEqualTo("BAD_REQUEST");
    assertThat(otherId.getOriginalMessage())
        .startsWith("plan: this workflow must run as baton-release-shop, not \"my-release\"");
    assertThat(harness.world.versions).doesNotContainValue("v2");
  }

  @Test
  void rulesReadAtPlanStayForThatReleaseWhenTheFileChangesAndTheNextReleaseGetsTheNewOnes()
      throws Exception {
    String before = sha256(harness.config).substring(0, 12);
    Run started = harness.baton("release", "start", "--version", "v2");
    assertThat(started.code()).as(started.err()).isZero();
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));

    // The operator changes the control worker's file: only mallory may approve now.
    Files.writeString(
        harness.config,
        Files.readString(harness.config)
            .replace("approvers: [alice, bob, carol]", "approvers: [mallory]"));
    Run mallory = harness.baton("release", "approve", "--as", "mallory");
    assertThat(mallory.code()).as("the running release keeps its rules").isEqualTo(3);
    assertThat(harness.baton("release", "status").out()).contains("(sha256 " + before + ")");
    ok(harness.baton("release", "approve", "--as", "alice"));
    harness.awaitStatus(r -> r.out().contains(": SUCCEEDED"));

    ok(harness.baton("release", "start", "--version", "v3"));
    Run next =
        harness.awaitStatus(r -> r.out().contains("release v3") && r.out().contains("waiting"));
    assertThat(next.out()).contains("(sha256 " + sha256(harness.config).substring(0, 12) + ")");
    assertThat(harness.baton("release", "approve", "--as", "alice").code()).isEqualTo(3);
    ok(harness.baton("release", "approve", "--as", "mallory"));
  }

  private WorkflowStub rawStart(String workflowId, Map<String, Object> input) {
    WorkflowStub stub =
        harness
            .client()
            .newUntypedWorkflowStub(
                "Release",
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(Names.controlQueue("shop"))
                    .build());
    stub.start(input);
    return stub;
  }

  private static ApplicationFailure failureOf(WorkflowStub stub) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            () ->
                stub.getResult(
                    Duration.ofSeconds(30).toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS,
                    ReleaseResult.class),
            WorkflowFailedException.class);
    assertThat(failed).as("the release failed").isNotNull();
    return (ApplicationFailure) failed.getCause();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
