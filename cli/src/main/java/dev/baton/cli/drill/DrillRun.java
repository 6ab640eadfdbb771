package dev.baton.cli.drill;

import dev.baton.Names;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ControlWorkflows;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import dev.baton.config.BatonConfig;
import dev.baton.drill.DrillRequest;
import dev.baton.drill.DrillWorkflow;
import dev.baton.worker.OperationInputs;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a drill now: switch to the standby, validate, bake for drill.bake, switch back (unless "
          + "--keep or drill.switchBack: false), and report phase durations, switch times and the "
          + "request errors users saw. A drill that already runs is followed instead."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the drill succeeded",
      "1:it failed (the report says in which phase and where traffic is)",
      "3:busy: another release, drill or failover runs",
      "4:Temporal cannot be reached"
    },
    footer = {"", "Examples:", "  baton drill run", "  baton drill run --keep --detach"})
final class DrillRun extends ProjectCommand {
  @Option(
      names = "--keep",
      description =
          "stay on the standby afterwards: the roles stay swapped (default: drill.switchBack)")
  boolean keep;

  @Option(names = "--as", paramLabel = "NAME", description = "who runs it (default: $USER)")
  String requester;

  @Option(names = "--detach", description = "start it and return; do not follow it")
  boolean detach;

  DrillRun(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      String project = config.project();
      String workflowId = Names.drillWorkflowId(project);
      PrintWriter out = out();
      DrillRequest request =
          OperationInputs.drillRequest(
              config, Identity.of(requester, context), keep ? Boolean.TRUE : null);
      if (ControlWorkflows.start(
          session.client(),
          project,
          DrillWorkflow.class,
          workflowId,
          DrillWorkflow::run,
          request)) {
        out.printf(
            "started drill of %s as %s (workflow %s)%s%n",
            project,
            request.requestedBy(),
            workflowId,
            request.keep() ? ": traffic stays on the standby afterwards" : "");
      } else {
        out.printf(
            "a drill of %s is already running (workflow %s); following it instead%n",
            project, workflowId);
      }
      return DrillStatus.view(project).followToEnd(session.client(), workflowId, detach, out);
    }
  }
}
