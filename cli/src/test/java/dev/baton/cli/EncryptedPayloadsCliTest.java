package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.worker.TemporalConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code temporal.encryptionKeyFile}, the CLI and the workers share AES-GCM payload
 * encryption: a whole release runs, the CLI reads its progress, and the history Temporal stores
 * holds none of the release's details. With {@code acceptUnencryptedPayloads}, a Web UI approval
 * (plain JSON) still counts.
 */
class EncryptedPayloadsCliTest {
  @TempDir Path dir;
  private CliHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aReleaseRunsWithEncryptedPayloadsAndItsHistoryHoldsNoDetail() throws Exception {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    Path keyFile = dir.resolve("payload.key");
    Files.writeString(keyFile, "k1 " + Base64.getEncoder().encodeToString(key));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    Path config = dir.resolve("baton.yml");
    Files.writeString(
        config,
        CliHarness.yaml("127.0.0.1:7233")
            .replace(
                "  address: 127.0.0.1:7233  # BATON_TEMPORAL_ADDRESS overrides it\n",
                "  address: 127.0.0.1:7233\n  encryptionKeyFile: payload.key\n"
                    + "  acceptUnencryptedPayloads: true\n"));
    harness = new CliHarness(config, null);

    Run started = harness.baton("release", "start", "--version", "v2");
    assertThat(started.code()).as(started.err()).isZero();
    awaitStatus("waiting for approval of switch");
    // The Web UI has no keys: it signals plain JSON, which these workers accept because
    // acceptUnencryptedPayloads says so (without it, UnencryptedSignalTest: dropped).
    try (TemporalConnection plain =
        TemporalConnection.connect(
            harness.env().get("BATON_TEMPORAL_ADDRESS"), "default", Duration.ofSeconds(5))) {
      plain
          .client()
          .newUntypedWorkflowStub(Names.releaseWorkflowId("shop"))
          .signal(
              "approve", Map.of("step", "switch", "approver", "alice", "comment", "from the UI"));
    }
    Run done = awaitStatus(": SUCCEEDED");
    assertThat(done.out())
        .contains("release v2 done: secondary active, primary standby")
        .contains("alice approve switch (signal)");

    String history =
        new String(
            harness
                .client()
                .fetchHistory(Names.releaseWorkflowId("shop"))
                .getHistory()
                .toByteArray(),
            StandardCharsets.ISO_8859_1);
    assertThat(history).contains("binary/encrypted").contains("encryption-key-id");
    // The requester and the version are in payloads only: neither is readable. (The approval
    // came from outside as plain JSON and is stored as sent.)
    assertThat(history).doesNotContain("carol").doesNotContain("\"v2\"");
  }

  private Run awaitStatus(String text) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Run run = harness.baton("release", "status");
    while (!run.out().contains(text) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(run.out()).as(run.err()).contains(text);
    return run;
  }
}
