package dev.baton.release;

import static dev.baton.release.ReleaseApprovalTest.refused;
import static dev.baton.release.ReleaseTestRig.PROJECT;
import static dev.baton.release.ReleaseTestRig.awaitWaitingFor;
import static dev.baton.release.ReleaseTestRig.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.Names;
import dev.baton.rules.ApprovalSigners;
import dev.baton.rules.ControlRules;
import dev.baton.signature.SignedStatement;
import dev.baton.signature.SshKeygenTool;
import dev.baton.testing.TestRules;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed approvals, with keys and signatures made by the real ssh-keygen: the release checks each
 * decision against the control worker's allowed-signers file and records every refusal.
 */
class ReleaseSignedApprovalTest extends ReleaseTestBase {
  @TempDir static Path keys;
  static Path alice;
  static Path bob;
  static Path carol;
  static Path mallory;
  static String allowedSigners;

  @BeforeAll
  static void makeKeys() {
    alice = SshKeygenTool.generate(keys, "alice", "", "-t", "ed25519");
    bob = SshKeygenTool.generate(keys, "bob", "", "-t", "ecdsa", "-b", "256");
    carol = SshKeygenTool.generate(keys, "carol", "", "-t", "rsa", "-b", "2048");
    mallory = SshKeygenTool.generate(keys, "mallory", "", "-t", "ed25519");
    // carl's name stands behind carol's key: four-eyes must see one person.
    allowedSigners =
        String.join(
            "\n",
            "alice " + SshKeygenTool.publicKeyLine(alice),
            "bob " + SshKeygenTool.publicKeyLine(bob),
            "carol,carl " + SshKeygenTool.publicKeyLine(carol),
            "");
  }

  private ControlRules signedRules() {
    ControlRules base =
        TestRules.release(
            PROJECT,
            policy(
                List.of("switch"),
                List.of("alice", "bob", "carl"),
                Duration.ofHours(1),
                TimeoutOutcome.REJECT));
    return new ControlRules(
        base.project(),
        base.siteIds(),
        base.source(),
        base.release(),
        base.failover(),
        base.monitor(),
        base.drill(),
        new ApprovalSigners(
            allowedSigners, "/etc/baton/allowed_signers", false, Duration.ofMinutes(10)));
  }

  /** A release started by carol with her key, waiting for the switch's approval. */
  private ReleaseWorkflow startSigned() {
    Instant at = rig.now();
    String nonce = UUID.randomUUID().toString();
    SignedStatement start =
        new SignedStatement(
            "start", Names.releaseWorkflowId(PROJECT), "", "v2", "carol", "", at, nonce);
    ReleaseWorkflow release =
        rig.startUnder(
            signedRules(),
            new ReleaseRequest(
                PROJECT, "v2", "carol", List.of(), null, at.toString(), nonce, sign(carol, start)));
    awaitWaitingFor(release, "switch");
    return release;
  }

  private static String sign(Path key, SignedStatement statement) {
    return SshKeygenTool.sign(key, "baton", statement.canonicalBytes());
  }

  private static String runId(ReleaseWorkflow release) {
    return WorkflowStub.fromTyped(release).getExecution().getRunId();
  }

  /** An approval of the switch as {@code name}, signed with {@code key} over {@code signed}. */
  private ApprovalRequest approval(
      Path key, String name, String comment, SignedStatement signed, String sentComment) {
    return new ApprovalRequest(
        signed.step(),
        name,
        sentComment,
        signed.runId(),
        signed.time().toString(),
        signed.nonce(),
        sign(key, signed));
  }

  private SignedStatement statement(
      ReleaseWorkflow release, String name, String step, String comment, Instant at) {
    return new SignedStatement(
        "approve",
        Names.releaseWorkflowId(PROJECT),
        runId(release),
        step,
        name,
        comment,
        at,
        UUID.randomUUID().toString());
  }

  @Test
  void anApprovalSignedWithTheApproversKeySwitchesAndRecordsTheKey() {
    ReleaseWorkflow release = startSigned();
    SignedStatement signed = statement(release, "alice", "switch", "go", rig.now());
    ApprovalRecord record = release.approve(approval(alice, "alice", "go", signed, "go"));

    assertThat(record.accepted()).as(record.reason()).isTrue();
    assertThat(record.key()).isEqualTo(SshKeygenTool.fingerprint(Path.of(alice + ".pub")));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
    assertThat(release.progress().rules())
        .contains("started by carol with " + SshKeygenTool.fingerprint(Path.of(carol + ".pub")));
  }

  @Test
  void everyWronglySignedApprovalIsRefusedPreciselyRecordedAndChangesNothing() {
    ReleaseWorkflow release = startSigned();
    Instant now = rig.now();

    assertThat(refused(release.approve(new ApprovalRequest("switch", "alice", "unsigned"))))
        .startsWith("this project takes signed decisions only (allowed signers");
    assertThat(
            refused(
                release.approve(
                    approval(
                        bob, "alice", "", statement(release, "alice", "switch", "", now), ""))))
        .as("bob's key, alice's name")
        .contains("is listed in the allowed signers for \"bob\", not for \"alice\"");
    assertThat(
            refused(
                release.approve(
                    approval(
                        mallory, "alice", "", statement(release, "alice", "switch", "", now), ""))))
        .endsWith("is not in the allowed signers");
    assertThat(
            refused(
                release.approve(
                    approval(
                        mallory,
                        "mallory",
                        "",
                        statement(release, "mallory", "switch", "", now),
                        ""))))
        .isEqualTo("mallory is not an allowed approver (allowed: alice, bob, carl)");
    assertThat(
            refused(
                release.approve(
                    approval(
                        alice,
                        "alice",
                        "",
                        statement(release, "alice", "switch", "", now.minus(Duration.ofHours(1))),
                        ""))))
        .contains("ago: a signature is good for 10m");
    assertThat(
            refused(
                release.approve(
                    approval(
                        alice,
                        "alice",
                        "ok",
                        statement(release, "alice", "switch", "ok", now),
                        "ok, and more"))))
        .as("a comment changed after signing")
        .contains("does not match this statement");
    SignedStatement otherRun =
        new SignedStatement(
            "approve",
            Names.releaseWorkflowId(PROJECT),
            "another-run",
            "switch",
            "alice",
            "",
            now,
            "n-other-run");
    assertThat(refused(release.approve(approval(alice, "alice", "", otherRun, ""))))
        .isEqualTo(
            "the signature is for run \"another-run\" of baton-release-shop, not this run \""
                + runId(release)
                + "\"");
    SignedStatement backfill = statement(release, "alice", "backfill", "", now);
    ApprovalRequest forBackfill = approval(alice, "alice", "", backfill, "");
    ApprovalRequest movedToSwitch =
        new ApprovalRequest(
            "switch",
            "alice",
            "",
            forBackfill.runId(),
            forBackfill.time(),
            forBackfill.nonce(),
            forBackfill.signature());
    assertThat(refused(release.approve(movedToSwitch)))
        .as("signed for the backfill, sent for the switch")
        .contains("does not match this statement");
    assertThat(
            refused(
                release.approve(
                    approval(
                        carol, "carl", "", statement(release, "carl", "switch", "", now), ""))))
        .as("carol's key under carl's name")
        .startsWith("four-eyes rule: SHA256:")
        .endsWith("signed the start of this release and cannot approve it, under any name");

    ReleaseProgress progress = release.progress();
    assertThat(progress.waitingFor()).isEqualTo("switch");
    assertThat(progress.approvals()).hasSize(9).noneMatch(ApprovalRecord::accepted);
    verify(rig.router, never()).switchTo(any());
  }

  @Test
  void aValidlySignedDecisionSentTwiceIsRefusedTheSecondTimeAsAReplay() {
    ReleaseWorkflow release = startSigned();
    // Verified, then refused by four-eyes: its nonce is spent all the same.
    SignedStatement signed = statement(release, "carl", "switch", "", rig.now());
    ApprovalRequest once = approval(carol, "carl", "", signed, "");
    assertThat(refused(release.approve(once))).startsWith("four-eyes rule: SHA256:");
    assertThat(refused(release.approve(once)))
        .isEqualTo("nonce \"" + signed.nonce() + "\" was used already: a replayed decision");

    ApprovalRecord bobs =
        release.approve(
            approval(bob, "bob", "", statement(release, "bob", "switch", "", rig.now()), ""));
    assertThat(bobs.accepted()).as(bobs.reason()).isTrue();
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRollbackWhileBakingMustBeSignedToo() {
    ReleaseWorkflow release = startSigned();
    ApprovalRecord approved =
        release.approve(
            approval(alice, "alice", "", statement(release, "alice", "switch", "", rig.now()), ""));
    assertThat(approved.accepted()).as(approved.reason()).isTrue();
    ReleaseTestRig.awaitProgress(release, p -> p.currentStep() == Step.BAKE);

    assertThat(
            ReleaseApprovalTest.refusal(
                () -> release.rollback(new RollbackRequest("bob", "p99 doubled"))))
        .startsWith("this project takes signed decisions only");
    Instant now = rig.now();
    String nonce = UUID.randomUUID().toString();
    SignedStatement signed =
        new SignedStatement(
            "rollback",
            Names.releaseWorkflowId(PROJECT),
            runId(release),
            "",
            "bob",
            "p99 doubled",
            now,
            nonce);
    release.rollback(
        new RollbackRequest(
            "bob", "p99 doubled", runId(release), now.toString(), nonce, sign(bob, signed)));
    WorkflowFailedException failed =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> WorkflowStub.fromTyped(release).getResult(ReleaseResult.class),
            WorkflowFailedException.class);
    assertThat(((ApplicationFailure) failed.getCause()).getType()).isEqualTo("ROLLED_BACK");
  }

  @Test
  void anUnsignedStartIsRefusedBeforeAnythingHappens() {
    ReleaseWorkflow release =
        rig.startUnder(signedRules(), new ReleaseRequest(PROJECT, "v2", "carol", List.of(), null));
    WorkflowFailedException failed =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> WorkflowStub.fromTyped(release).getResult(ReleaseResult.class),
            WorkflowFailedException.class);
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo("BAD_REQUEST");
    assertThat(cause.getOriginalMessage())
        .startsWith("plan: the start is refused: this project takes signed decisions only");
    verify(rig.secondary, never()).deploy(any());
  }
}
