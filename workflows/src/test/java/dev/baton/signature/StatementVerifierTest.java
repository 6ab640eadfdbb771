package dev.baton.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementVerifierTest {
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

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa 256", "ecdsa 384", "ecdsa 521", "rsa 2048"})
  void acceptsAStatementSignedByAListedKey(String type) {
    String[] parts = type.split(" ");
    String[] args =
        parts.length == 1
            ? new String[] {"-t", parts[0]}
            : new String[] {"-t", parts[0], "-b", parts[1]};
    Path key = SshKeygenTool.generate(dir, "alice", "", args);
    AllowedSigners signers = AllowedSigners.parse("alice " + SshKeygenTool.publicKeyLine(key));

    StatementVerifier.Verified verified =
        StatementVerifier.verify(STATEMENT, sign(key, "baton", STATEMENT), signers);

    assertThat(verified.name()).isEqualTo("alice");
    assertThat(verified.fingerprint()).isEqualTo(SshKeygenTool.fingerprint(Path.of(key + ".pub")));
    assertThat(verified.keyType())
        .isEqualTo(SshPublicKey.parse(SshKeygenTool.publicKeyLine(key)).type());
  }

  @Test
  void refusesEachWayAStatementCanFail() {
    Path key = SshKeygenTool.generate(dir, "alice", "", "-t", "ed25519");
    Path other = SshKeygenTool.generate(dir, "mallory", "", "-t", "ed25519");
    String line = SshKeygenTool.publicKeyLine(key);
    String fingerprint = SshKeygenTool.fingerprint(Path.of(key + ".pub"));
    String signature = sign(key, "baton", STATEMENT);
    AllowedSigners listed = AllowedSigners.parse("alice " + line);

    SignedStatement changed =
        new SignedStatement(
            "approve",
            "release-shop-43",
            "run-1",
            "switch",
            "alice",
            "looks good",
            STATEMENT.time(),
            "n-1");
    assertProblem(changed, signature, listed, "does not match this statement", fingerprint);
    assertProblem(
        STATEMENT, sign(key, "other", STATEMENT), listed, "namespace \"other\", not \"baton\"");
    assertProblem(STATEMENT, "garbage", listed, "malformed signature");
    assertProblem(
        STATEMENT,
        sign(other, "baton", STATEMENT),
        listed,
        "is not in the allowed signers",
        SshKeygenTool.fingerprint(Path.of(other + ".pub")));
    assertProblem(
        STATEMENT,
        signature,
        AllowedSigners.parse("\"bob,carol\u00e9\" " + line),
        "is listed in the allowed signers for \"bob\", \"carol\\u00e9\", not for \"alice\"",
        fingerprint);
    assertProblem(
        STATEMENT,
        signature,
        AllowedSigners.parse("alice namespaces=\"git,file\" " + line),
        "is listed for \"alice\" only for namespaces \"git\",\"file\", not \"baton\"");
    assertProblem(
        STATEMENT,
        signature,
        AllowedSigners.parse("alice valid-before=\"20260501102029Z\" " + line),
        "is not valid at 2026-05-01T10:20:30Z: it is valid until 2026-05-01T10:20:29Z"
            + " (allowed signers line 1)");
    assertProblem(
        STATEMENT,
        signature,
        AllowedSigners.parse("\n*  valid-after=\"20260501102031Z\" " + line),
        "is not valid at 2026-05-01T10:20:30Z: it is valid from 2026-05-01T10:20:31Z"
            + " (allowed signers line 2)");

    // Both ends of the window are included, as in OpenSSH.
    assertThat(
            StatementVerifier.verify(
                STATEMENT,
                signature,
                AllowedSigners.parse(
                    "alice valid-after=\"20260501102030Z\",valid-before=\"20260501102031Z\" "
                        + line)))
        .isNotNull();
    assertThat(
            StatementVerifier.verify(
                STATEMENT,
                signature,
                AllowedSigners.parse("alice valid-before=\"20260501102030Z\" " + line)))
        .isNotNull();
  }

  private String sign(Path key, String namespace, SignedStatement statement) {
    return SshKeygenTool.sign(key, namespace, statement.canonicalBytes());
  }

  private static void assertProblem(
      SignedStatement statement, String signature, AllowedSigners signers, String... parts) {
    assertThatThrownBy(() -> StatementVerifier.verify(statement, signature, signers))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContainingAll(parts);
  }
}
