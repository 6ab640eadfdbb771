package dev.baton.cli.failover;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ControlWorkflows;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import dev.baton.cli.signing.DecisionSigner;
import dev.baton.config.BatonConfig;
import dev.baton.failover.FailoverRequest;
import dev.baton.failover.FailoverWorkflow;
import dev.baton.rules.CallerText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `baton failover`: start the project's FailoverWorkflow and follow it. A failover that already
 * runs is followed instead of refused: whoever types this wants traffic back, and a second one
 * could not do more than the first (its options are then not applied, and it says so).
 */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    subcommands = FailoverStatus.class,
    description = {
      "Fail over to the standby after the active site failed: confirm the active site is down, "
          + "fence it (best effort), promote the standby's database, start its active-only services, "
          + "move traffic, and report RTO and RPO. A running release or drill is pre-empted."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the failover succeeded",
      "1:it failed (the report says in which phase)",
      "2:bad input (an unknown --to site, baton.yml)",
      "3:refused: the active site answers its probes (use a drill, or --force), or busy",
      "4:Temporal cannot be reached"
    },
    footer = {
      "",
      "Examples:",
      "  baton failover --reason \"dc1 lost power\"",
      "  baton failover --to secondary --force --reason \"dc1 network split\" --detach",
      "  baton failover status --watch"
    })
public final class FailoverCommand extends ProjectCommand {
  @Option(
      names = "--to",
      paramLabel = "SITE",
      description =
          "the site to fail over to (default: the standby, where the router does not point)")
  String to;

  @Option(
      names = "--force",
      description = "do not confirm that the active site is down (it is fenced all the same)")
  boolean force;

  @Option(names = "--reason", paramLabel = "TEXT", description = "recorded with the failover")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "who fails over (default: $USER)")
  String requester;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "sign the failover with this SSH key (a private key, or a .pub whose key ssh-agent"
              + " holds); with release.approval.allowedSigners set, ~/.ssh/id_ed25519, id_ecdsa"
              + " or id_rsa by default")
  Path key;

  @Option(names = "--detach", description = "start it and return; do not follow it")
  boolean detach;

  FailoverCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      String project = config.project();
      if (to != null && !config.siteIds().contains(to)) {
        throw new BatonCliException(
            ExitCodes.BAD_INPUT,
            "--to "
                + to
                + ": unknown site (known sites: "
                + String.join(", ", config.siteIds())
                + ")");
      }
      PrintWriter out = out();
      String workflowId = Names.failoverWorkflowId(project);
      FailoverRequest request = request(config, workflowId);
      if (ControlWorkflows.start(
          session.client(),
          project,
          FailoverWorkflow.class,
          workflowId,
          FailoverWorkflow::run,
          request)) {
        out.printf(
            "started failover of %s%s as %s (workflow %s)%n",
            project, to == null ? "" : " to " + to, request.requestedBy(), workflowId);
      } else {
        out.printf(
            "a failover of %s is already running (workflow %s); following it instead"
                + " (this command's options are not applied)%n",
            project, workflowId);
      }
      return FailoverStatus.view(project).followToEnd(session.client(), workflowId, detach, out);
    }
  }

  /** Ids and who asks, no rules (the control worker's hold); signed where decisions are. */
  private FailoverRequest request(BatonConfig config, String workflowId) {
    String who = CallerText.normalizeName(Identity.of(requester, context));
    String why = reason == null ? "" : reason;
    if (key == null && config.release().approval().allowedSigners() == null) {
      return new FailoverRequest(
          config.project(), List.of(), to, force, why, who, null, null, null, 0);
    }
    DecisionSigner.Signed signed =
        DecisionSigner.of(context, key)
            .sign("failover", workflowId, "", to == null ? "" : to, who, why);
    return new FailoverRequest(
        config.project(),
        List.of(),
        to,
        force,
        why,
        who,
        null,
        null,
        null,
        0,
        signed.time(),
        signed.nonce(),
        signed.signature());
  }
}
