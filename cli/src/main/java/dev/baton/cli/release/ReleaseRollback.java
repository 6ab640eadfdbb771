package dev.baton.cli.release;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.Failures;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.signing.DecisionSigner;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseWorkflow;
import dev.baton.release.RollbackRequest;
import dev.baton.rules.CallerText;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Move traffic back to the site that was active before the release's switch, verified like",
      "a switch. Possible while the release bakes or waits to backfill: that site still runs the",
      "previous version. Refused (exit 3) before the switch, once the backfill started, or when",
      "that site is not healthy. The release then ends as ROLLED_BACK."
    },
    footer = {"", "Example:", "  baton release rollback --reason \"p99 latency doubled\""})
public class ReleaseRollback extends ProjectCommand {
  @Option(names = "--reason", paramLabel = "TEXT", description = "recorded with the rollback")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "who rolls back (default: $USER)")
  String by;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "sign the rollback with this SSH key (a private key, or a .pub whose key ssh-agent"
              + " holds); where the release takes signed decisions only, ~/.ssh/id_ed25519,"
              + " id_ecdsa or id_rsa by default")
  Path key;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "how long to wait for traffic to be back (default: 120)")
  long timeoutSeconds = 120;

  public ReleaseRollback(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      ReleaseProgress progress =
          Releases.running(
              session.client(),
              project,
              "there is no instant rollback; to go back to an older version release it:"
                  + " baton release start --version V");
      String who = CallerText.normalizeName(Identity.of(by, context));
      ReleaseWorkflow release = Releases.stub(session.client(), project);
      RollbackRequest request = request(session, project, progress, who);
      String answer;
      try {
        answer = release.rollback(request);
      } catch (WorkflowUpdateException e) {
        throw new BatonCliException(ExitCodes.REFUSED, "rollback refused: " + Failures.reason(e));
      }
      out()
          .printf(
              "rollback of release %s (%s) as %s: %s%n", progress.version(), project, who, answer);
      WorkflowStub stub = WorkflowStub.fromTyped(release);
      try {
        stub.getResult(timeoutSeconds, TimeUnit.SECONDS, Object.class);
      } catch (WorkflowFailedException e) {
        ReleaseProgress end = Releases.progressOf(e.getCause());
        String message = end == null ? Failures.reason(e) : end.message();
        out().println(message);
        return end != null
                && end.activeSite() != null
                && end.activeSite().equals(progress.standbySite())
            ? ExitCodes.OK
            : ExitCodes.FAILED;
      } catch (TimeoutException e) {
        throw new BatonCliException(
            ExitCodes.FAILED,
            "traffic is not back after "
                + timeoutSeconds
                + "s; is a control worker running? see `baton release status`");
      }
      throw new BatonCliException(
          ExitCodes.FAILED, "the release finished before the rollback took effect");
    }
  }

  /** Signed over this run when asked to (--key) or when the release needs it. */
  private RollbackRequest request(
      ProjectSession session, String project, ReleaseProgress progress, String who) {
    String text = reason == null ? "" : reason;
    if (key == null && !progress.signedDecisions()) {
      return new RollbackRequest(who, text);
    }
    DecisionSigner.Signed signed =
        DecisionSigner.of(context, key)
            .signCurrentRun(
                session.client(), "rollback", Names.releaseWorkflowId(project), "", who, text);
    return new RollbackRequest(
        who, text, signed.runId(), signed.time(), signed.nonce(), signed.signature());
  }
}
