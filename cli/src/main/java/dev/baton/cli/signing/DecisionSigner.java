package dev.baton.cli.signing;

import dev.baton.cli.BatonContext;
import dev.baton.signature.SignedStatement;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Signs what an operator decides ({@code --key FILE}, else ~/.ssh/id_ed25519, id_ecdsa or id_rsa)
 * over the {@link SignedStatement} the workflow rebuilds from the request: the time now and a fresh
 * nonce, so the signature is good once and only for a while.
 */
public final class DecisionSigner {
  /** What travels with the request beside the decision itself. */
  public record Signed(String runId, String time, String nonce, String signature) {}

  private final SshKeygenSign ssh;
  private final Path key;

  private DecisionSigner(SshKeygenSign ssh, Path key) {
    this.ssh = ssh;
    this.key = key;
  }

  /**
   * @param keyOrNull {@code --key}, relative to the working directory; null for the default
   */
  public static DecisionSigner of(BatonContext context, Path keyOrNull) {
    Path key = keyOrNull != null ? context.cwd().resolve(keyOrNull) : SshKeygenSign.defaultKey();
    return new DecisionSigner(SshKeygenSign.withEnvironment(context.env()), key);
  }

  public Signed sign(
      String action, String workflowId, String runId, String step, String name, String comment) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String nonce = UUID.randomUUID().toString();
    SignedStatement statement =
        new SignedStatement(action, workflowId, runId, step, name, comment, now, nonce);
    return new Signed(runId, now.toString(), nonce, ssh.sign(key, statement.canonicalBytes()));
  }

  /** Signs a decision about the run of {@code workflowId} that is current now. */
  public Signed signCurrentRun(
      WorkflowClient client,
      String action,
      String workflowId,
      String step,
      String name,
      String comment) {
    String runId = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    return sign(action, workflowId, runId, step, name, comment);
  }
}
