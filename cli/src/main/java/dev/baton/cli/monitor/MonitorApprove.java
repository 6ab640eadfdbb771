package dev.baton.cli.monitor;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.Failures;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import dev.baton.cli.signing.DecisionSigner;
import dev.baton.monitor.FailoverApproval;
import dev.baton.rules.CallerText;
import io.temporal.client.WorkflowUpdateException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve the failover a manual-mode monitor (autoFailover: false) waits for, through its "
          + "Update `approveFailover`: the answer, or why it is refused, comes back at once."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:approved; the monitor starts the failover",
      "3:refused (the monitor is not waiting for an approval, or not running)"
    },
    footer = {"", "Example:", "  baton monitor approve --reason \"dc1 lost power\" --as alice"})
final class MonitorApprove extends ProjectCommand {
  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "why fail over; recorded with the failover")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "who approves (default: $USER)")
  String approver;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "sign the approval with this SSH key (a private key, or a .pub whose key ssh-agent"
              + " holds); with release.approval.allowedSigners set, ~/.ssh/id_ed25519, id_ecdsa"
              + " or id_rsa by default")
  Path key;

  MonitorApprove(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      if (!Monitors.running(session.client(), project)) {
        throw new BatonCliException(
            ExitCodes.REFUSED,
            "approve refused: the monitor of "
                + project
                + " is not running; to fail over by hand: baton failover --reason R");
      }
      String who = CallerText.normalizeName(Identity.of(approver, context));
      FailoverApproval approval = new FailoverApproval(who, reason);
      if (key != null || session.config().release().approval().allowedSigners() != null) {
        DecisionSigner.Signed signed =
            DecisionSigner.of(context, key)
                .signCurrentRun(
                    session.client(),
                    "monitor-approve",
                    Names.monitorWorkflowId(project),
                    "",
                    who,
                    reason);
        approval =
            new FailoverApproval(
                who, reason, signed.runId(), signed.time(), signed.nonce(), signed.signature());
      }
      String answer;
      try {
        answer = Monitors.stub(session.client(), project).approveFailover(approval);
      } catch (WorkflowUpdateException e) {
        throw new BatonCliException(ExitCodes.REFUSED, "approve refused: " + Failures.reason(e));
      }
      out()
          .printf(
              "approved the failover of %s as %s%s%n",
              project, who, answer == null || answer.isEmpty() ? "" : ": " + answer);
      return ExitCodes.OK;
    }
  }
}
