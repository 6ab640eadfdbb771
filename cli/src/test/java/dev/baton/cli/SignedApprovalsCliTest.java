package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.release.ApprovalRecord;
import dev.baton.signature.SshKeygenTool;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton release start|approve --key` against a control worker whose baton.yml lists the approvers'
 * SSH keys: signed decisions pass, anything else is refused with exit 3 and recorded, and the
 * payload printed for the Web UI is accepted as a Signal.
 */
class SignedApprovalsCliTest {
  @TempDir Path dir;
  private CliHarness harness;
  private Path alice;
  private Path carol;

  @BeforeEach
  void start() throws Exception {
    alice = SshKeygenTool.generate(dir, "alice", "", "-t", "ed25519");
    carol = SshKeygenTool.generate(dir, "carol", "", "-t", "ecdsa", "-b", "256");
    Files.writeString(
        dir.resolve("allowed_signers"),
        "alice "
            + SshKeygenTool.publicKeyLine(alice)
            + "\ncarol "
            + SshKeygenTool.publicKeyLine(carol)
            + "\n");
    Path config = dir.resolve("baton.yml");
    Files.writeString(
        config,
        CliHarness.yaml("127.0.0.1:7233")
            .replace(
                "    fourEyes: true\n",
                "    fourEyes: true\n    allowedSigners: allowed_signers\n"));
    harness = new CliHarness(config, null);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void signedDecisionsPassAndEverythingElseIsRefusedWithExitThreeAndRecorded() {
    ok(harness.baton("release", "start", "--version", "v2", "--key", carol.toString()));
    Run waiting = harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    String carolKey = SshKeygenTool.fingerprint(Path.of(carol + ".pub"));
    String aliceKey = SshKeygenTool.fingerprint(Path.of(alice + ".pub"));
    assertThat(waiting.out()).contains("started by carol with " + carolKey);

    // An SDK client's unsigned approval: refused, and the refusal is in the history.
    ApprovalRecord unsigned =
        stub()
            .update("approve", ApprovalRecord.class, Map.of("step", "switch", "approver", "alice"));
    assertThat(unsigned.accepted()).isFalse();
    assertThat(unsigned.reason()).startsWith("this project takes signed decisions only");

    Run wrongKey = harness.baton("release", "approve", "--as", "alice", "--key", carol.toString());
    assertThat(wrongKey.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(wrongKey.err())
        .isEqualTo(
            "baton: approve refused: ecdsa-sha2-nistp256 key "
                + carolKey
                + " is listed in the allowed signers for \"carol\", not for \"alice\"\n");

    Run approved =
        harness.baton(
            "release", "approve", "--as", "alice", "--key", alice.toString(), "--comment", "go");
    assertThat(approved.code()).as(approved.err()).isZero();
    Run done = harness.awaitStatus(r -> r.out().contains(": SUCCEEDED"));
    assertThat(done.out())
        .contains("alice approve switch (update, " + aliceKey + ")")
        .contains("alice approve switch (update) REFUSED: this project takes signed decisions only")
        .contains("REFUSED: ecdsa-sha2-nistp256 key " + carolKey + " is listed");
  }

  @Test
  void thePrintedPayloadIsWhatTheWebUiSendsAndItIsAccepted() throws Exception {
    ok(harness.baton("release", "start", "--version", "v2", "--key", carol.toString()));
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));

    Run payload =
        harness.baton(
            "release", "approve", "--as", "alice", "--key", alice.toString(), "--print-payload");
    assertThat(payload.code()).as(payload.err()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = new ObjectMapper().readValue(payload.out(), Map.class);
    assertThat(json)
        .containsEntry("step", "switch")
        .containsEntry("approver", "alice")
        .containsKeys("runId", "time", "nonce", "signature");
    assertThat(harness.world.routerTarget).as("printing sends nothing").isEqualTo("primary");

    stub().signal("approve", json); // as pasted into the Web UI's Signal form
    Run done = harness.awaitStatus(r -> r.out().contains(": SUCCEEDED"));
    assertThat(done.out()).contains("alice approve switch (signal, SHA256:");
  }

  @Test
  void aFailoverMustBeSignedTooThroughTheApiAndTheCli() {
    WorkflowStub raw =
        harness
            .client()
            .newUntypedWorkflowStub(
                "Failover",
                io.temporal.client.WorkflowOptions.newBuilder()
                    .setWorkflowId(Names.failoverWorkflowId("shop"))
                    .setTaskQueue(Names.controlQueue("shop"))
                    .build());
    raw.start(Map.of("project", "shop", "force", true, "reason", "x", "requestedBy", "alice"));
    io.temporal.client.WorkflowFailedException failed =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> raw.getResult(dev.baton.failover.FailoverResult.class),
            io.temporal.client.WorkflowFailedException.class);
    assertThat(failed.getCause())
        .hasMessageContaining("the failover is refused: this project takes signed decisions only");
    assertThat(harness.world.routerTarget).isEqualTo("primary");

    Run signed =
        harness.baton(
            "failover",
            "--force",
            "--reason",
            "dc1 lost",
            "--as",
            "alice",
            "--key",
            alice.toString());
    assertThat(signed.code()).as(signed.out() + signed.err()).isZero();
    assertThat(harness.world.routerTarget).isEqualTo("secondary");
  }

  private WorkflowStub stub() {
    return harness.client().newUntypedWorkflowStub(Names.releaseWorkflowId("shop"));
  }
}
