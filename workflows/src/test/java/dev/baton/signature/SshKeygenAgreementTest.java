package dev.baton.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier and the real {@code ssh-keygen -Y verify} accept and refuse the same things. */
class SshKeygenAgreementTest {
  private static final SignedStatement STATEMENT =
      new SignedStatement(
          "approve",
          "release-shop-42",
          "run-1",
          "switch",
          "alice",
          "looks good",
          Instant.parse("2026-05-01T10:20:30Z"),
          "n-1");

  @TempDir Path dir;

  @Test
  void agreesWithSshKeygenVerify() throws IOException {
    Path key = SshKeygenTool.generate(dir, "alice", "", "-t", "ed25519");
    Path allowed = dir.resolve("allowed_signers");
    Files.writeString(
        allowed,
        "# team\nbob "
            + SshKeygenTool.publicKeyLine(SshKeygenTool.generate(dir, "bob", "", "-t", "ecdsa"))
            + "\nalice,carol namespaces=\"baton\" "
            + SshKeygenTool.publicKeyLine(key)
            + " laptop\n");
    AllowedSigners signers = AllowedSigners.parse(Files.readString(allowed));
    Path sig = dir.resolve("statement.sig");
    Files.writeString(sig, sign(key, "baton", STATEMENT));
    byte[] tampered = STATEMENT.canonicalBytes();
    tampered[20] ^= 1;

    List<String> verify =
        List.of(
            "ssh-keygen",
            "-Y",
            "verify",
            "-f",
            allowed.toString(),
            "-I",
            "alice",
            "-n",
            "baton",
            "-s",
            sig.toString());
    assertThat(SshKeygenTool.run(verify, STATEMENT.canonicalBytes()).exitCode()).isZero();
    assertThat(StatementVerifier.verify(STATEMENT, Files.readString(sig), signers).name())
        .isEqualTo("alice");

    assertThat(SshKeygenTool.run(verify, tampered).exitCode()).isNotZero();
    assertThat(SshSignature.parse(Files.readString(sig)).verifies(tampered, "baton")).isFalse();

    List<String> asBob =
        List.of(
            "ssh-keygen",
            "-Y",
            "verify",
            "-f",
            allowed.toString(),
            "-I",
            "bob",
            "-n",
            "baton",
            "-s",
            sig.toString());
    assertThat(SshKeygenTool.run(asBob, STATEMENT.canonicalBytes()).exitCode()).isNotZero();
    SignedStatement bobs =
        new SignedStatement(
            "approve",
            "release-shop-42",
            "run-1",
            "switch",
            "bob",
            "looks good",
            STATEMENT.time(),
            "n-1");
    Files.writeString(sig, sign(key, "baton", bobs));
    assertThatThrownBy(() -> StatementVerifier.verify(bobs, Files.readString(sig), signers))
        .hasMessageContaining("listed in the allowed signers for \"alice\", \"carol\"");
  }

  @Test
  void agreesWithSshKeygenVerifyOnValidityWindows() throws IOException {
    Path key = SshKeygenTool.generate(dir, "alice", "", "-t", "ed25519");
    Path allowed = dir.resolve("allowed_signers");
    Files.writeString(
        allowed,
        "alice valid-after=\"20260501102029Z\",valid-before="
            + "\"20260501102031Z\" "
            + SshKeygenTool.publicKeyLine(key)
            + "\n");
    AllowedSigners signers = AllowedSigners.parse(Files.readString(allowed));
    for (int second = 28; second <= 32; second++) {
      SignedStatement at =
          new SignedStatement(
              "approve",
              "w",
              "",
              "",
              "alice",
              "",
              Instant.parse("2026-05-01T10:20:" + second + "Z"),
              "n");
      Path sig = dir.resolve("at" + second + ".sig");
      Files.writeString(sig, sign(key, "baton", at));
      List<String> verify =
          List.of(
              "ssh-keygen",
              "-Y",
              "verify",
              "-f",
              allowed.toString(),
              "-I",
              "alice",
              "-n",
              "baton",
              "-s",
              sig.toString(),
              "-Overify-time=202605011020" + second + "Z");
      boolean sshKeygen = SshKeygenTool.run(verify, at.canonicalBytes()).exitCode() == 0;
      boolean ours;
      try {
        StatementVerifier.verify(at, Files.readString(sig), signers);
        ours = true;
      } catch (SignatureProblem e) {
        ours = false;
      }
      assertThat(ours)
          .as("at second " + second)
          .isEqualTo(sshKeygen)
          .isEqualTo(second >= 29 && second <= 31);
    }
  }

  private String sign(Path key, String namespace, SignedStatement statement) {
    return SshKeygenTool.sign(key, namespace, statement.canonicalBytes());
  }
}
