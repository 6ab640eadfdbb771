package dev.baton.cli.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.ExitCodes;
import dev.baton.signature.AllowedSigners;
import dev.baton.signature.SignedStatement;
import dev.baton.signature.SshKeygenTool;
import dev.baton.signature.StatementVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeygenSignTest {
  private static final SignedStatement STATEMENT =
      new SignedStatement(
          "approve",
          "release-shop-42",
          "",
          "switch",
          "alice",
          "ship it",
          Instant.parse("2026-05-01T10:20:30Z"),
          "n-1");

  @TempDir Path dir;

  /** No SSH_AUTH_SOCK: a developer's own agent must not change what these tests see. */
  private static SshKeygenSign withoutAgent() {
    return new SshKeygenSign(Map.of("PATH", System.getenv("PATH")), SshKeygenSign.TIMEOUT);
  }

  @Test
  void buildsTheCommand() {
    assertThat(SshKeygenSign.argv(Path.of("/home/alice/.ssh/id_ed25519")))
        .containsExactly(
            "ssh-keygen", "-Y", "sign", "-n", "baton", "-q", "-f", "/home/alice/.ssh/id_ed25519");
  }

  @Test
  void signsWhatStatementVerifierAccepts() {
    Path key = SshKeygenTool.generate(dir, "alice", "", "-t", "ed25519");
    String signature = withoutAgent().sign(key, STATEMENT.canonicalBytes());

    AllowedSigners signers = AllowedSigners.parse("alice " + SshKeygenTool.publicKeyLine(key));
    StatementVerifier.Verified verified = StatementVerifier.verify(STATEMENT, signature, signers);
    assertThat(verified.fingerprint()).isEqualTo(SshKeygenTool.fingerprint(Path.of(key + ".pub")));
  }

  @Test
  void signsWithAPublicKeyWhoseKeyTheAgentHolds() throws Exception {
    Path key = SshKeygenTool.generate(dir, "alice", "", "-t", "ecdsa");
    Path socket = dir.resolve("agent.sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).start();
    try {
      waitFor(socket);
      Map<String, String> env =
          Map.of("PATH", System.getenv("PATH"), "SSH_AUTH_SOCK", socket.toString());
      ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString());
      add.environment().putAll(env);
      assertThat(add.start().waitFor()).isZero();
      Files.delete(key); // only the agent has the private key now

      String signature =
          new SshKeygenSign(env, SshKeygenSign.TIMEOUT)
              .sign(Path.of(key + ".pub"), STATEMENT.canonicalBytes());

      AllowedSigners signers = AllowedSigners.parse("alice " + SshKeygenTool.publicKeyLine(key));
      assertThat(StatementVerifier.verify(STATEMENT, signature, signers).keyType())
          .isEqualTo("ecdsa-sha2-nistp256");
    } finally {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusesAnEncryptedKeyWithoutAnAgentAtOnce() {
    Path key = SshKeygenTool.generate(dir, "alice", "secret", "-t", "ed25519");
    long started = System.nanoTime();
    assertThatThrownBy(() -> withoutAgent().sign(key, STATEMENT.canonicalBytes()))
        .isInstanceOf(BatonCliException.class)
        .hasMessageContaining("protected by a passphrase")
        .hasMessageContaining("ssh-add");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anEncryptedKeyTheAgentLacksFailsWithoutHanging() {
    Path key = SshKeygenTool.generate(dir, "alice", "secret", "-t", "ed25519");
    // An agent socket that is not there: ssh-keygen falls back to the key file and its
    // passphrase. Without a terminal it reads the message as the passphrase and fails; on a
    // developer's terminal it prompts there, and the short timeout ends it.
    SshKeygenSign signer =
        new SshKeygenSign(
            Map.of("PATH", System.getenv("PATH"), "SSH_AUTH_SOCK", dir.resolve("none").toString()),
            Duration.ofSeconds(5));
    long started = System.nanoTime();
    assertThatThrownBy(() -> signer.sign(key, STATEMENT.canonicalBytes()))
        .isInstanceOf(BatonCliException.class)
        .hasMessageContaining("passphrase");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void refusesAMissingKeyOrAPublicKeyWithoutAnAgent() throws IOException {
    assertThatThrownBy(() -> withoutAgent().sign(dir.resolve("nope"), new byte[0]))
        .isInstanceOf(BatonCliException.class)
        .hasMessageContaining("does not exist: pass --key");
    Path pub = dir.resolve("lonely.pub");
    Files.writeString(pub, "ssh-ed25519 AAAA\n");
    assertThatThrownBy(() -> withoutAgent().sign(pub, new byte[0]))
        .isInstanceOf(BatonCliException.class)
        .hasMessageContaining("no ssh-agent is running");
  }

  @Test
  void choosesTheDefaultKeyInOrder() throws IOException {
    Path ssh = Files.createDirectories(dir.resolve(".ssh"));
    assertThatThrownBy(() -> SshKeygenSign.defaultKey(dir))
        .isInstanceOf(BatonCliException.class)
        .hasMessageContaining("pass --key")
        .extracting(e -> ((BatonCliException) e).exitCode())
        .isEqualTo(ExitCodes.BAD_INPUT);
    for (String name : List.of("id_rsa", "id_ecdsa.pub", "id_ecdsa", "id_ed25519")) {
      Files.writeString(ssh.resolve(name), "");
      assertThat(SshKeygenSign.defaultKey(dir)).isEqualTo(ssh.resolve(name));
    }
  }

  private static void waitFor(Path socket) throws InterruptedException {
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      Thread.sleep(50);
    }
    assertThat(socket).exists();
  }
}
