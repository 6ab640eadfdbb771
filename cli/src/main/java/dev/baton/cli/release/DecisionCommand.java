package dev.baton.cli.release;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.JsonText;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.signing.DecisionSigner;
import dev.baton.release.ApprovalRequest;
import dev.baton.release.ReleaseProgress;
import dev.baton.rules.CallerText;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Approve or reject the step that waits, through the workflow's Update, so the answer (accepted or
 * refused, and why) comes back at once.
 */
abstract class DecisionCommand extends ProjectCommand {
  @Option(
      names = "--step",
      paramLabel = "STEP",
      description = "the step to decide: switch or backfill (default: the one waiting)")
  String step;

  @Option(names = "--as", paramLabel = "NAME", description = "who decides (default: $USER)")
  String approver;

  @Option(names = "--comment", paramLabel = "TEXT", description = "recorded with the decision")
  String comment;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "sign the decision with this SSH key (a private key, or a .pub whose key ssh-agent"
              + " holds); where the release takes signed decisions only, ~/.ssh/id_ed25519,"
              + " id_ecdsa or id_rsa by default")
  Path key;

  @Option(
      names = "--print-payload",
      description =
          "print the decision as JSON for the Temporal Web UI (Signal or Update \"approve\" or"
              + " \"reject\") instead of sending it; signed where the release needs it")
  boolean printPayload;

  DecisionCommand(BatonContext context) {
    super(context);
  }

  abstract boolean approving();

  @Override
  public Integer call() {
    String verb = approving() ? "approve" : "reject";
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      ReleaseProgress progress =
          Releases.latest(session.client(), project)
              .orElseThrow(
                  () ->
                      new BatonCliException(
                          ExitCodes.REFUSED, "no release of " + project + " to " + verb));
      if (progress.outcome() != null) {
        throw new BatonCliException(
            ExitCodes.REFUSED,
            "release "
                + progress.version()
                + " of "
                + project
                + " has ended ("
                + progress.outcome()
                + "); nothing to "
                + verb);
      }
      String target = step != null ? step : progress.waitingFor();
      if (target == null) {
        throw new BatonCliException(
            ExitCodes.REFUSED,
            "release "
                + progress.version()
                + " is at step "
                + progress.currentStep().id()
                + "; nothing waits for approval yet (see `baton release status --watch`)");
      }
      String who = CallerText.normalizeName(Identity.of(approver, context));
      ApprovalRequest request = request(session, project, progress, target, who);
      if (printPayload) {
        out().println(JsonText.of(request));
        return ExitCodes.OK;
      }
      Decision.send(session.client(), project, request, approving());
      out()
          .printf(
              "%s %s of release %s (%s) as %s%n",
              approving() ? "approved" : "rejected", target, progress.version(), project, who);
      return ExitCodes.OK;
    }
  }

  /** The decision, signed over this run and step when asked to or when the release needs it. */
  private ApprovalRequest request(
      ProjectSession session, String project, ReleaseProgress progress, String target, String who) {
    String text = comment == null ? "" : comment;
    if (key == null && !progress.signedDecisions()) {
      return new ApprovalRequest(target, who, text);
    }
    DecisionSigner.Signed signed =
        DecisionSigner.of(context, key)
            .signCurrentRun(
                session.client(),
                approving() ? "approve" : "reject",
                Names.releaseWorkflowId(project),
                target,
                who,
                text);
    return new ApprovalRequest(
        target, who, text, signed.runId(), signed.time(), signed.nonce(), signed.signature());
  }
}
