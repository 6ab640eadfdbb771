package dev.baton.cli.failover;

import dev.baton.Names;
import dev.baton.Outcome;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.JsonText;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.report.FollowedWorkflow;
import dev.baton.cli.report.OperationView;
import dev.baton.failover.FailoverResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the running (or last) failover's report; --watch follows it to the end.",
    footer = {"", "Examples:", "  baton failover status", "  baton failover status --watch"})
final class FailoverStatus extends ProjectCommand {
  @Option(names = "--watch", description = "follow a running failover until it ends")
  boolean watch;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description =
          "text (default) or json (the FailoverResult record, for scripts and benchmarks)")
  String output = "text";

  FailoverStatus(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() throws Exception {
    boolean json = JsonText.wanted(output);
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      PrintWriter out = out();
      FollowedWorkflow<FailoverResult> failover =
          new FollowedWorkflow<>(
              session.client(), Names.failoverWorkflowId(project), FailoverResult.class);
      if (failover.status().isEmpty()) {
        throw new BatonCliException(
            ExitCodes.FAILED, "no failover of " + project + " on this Temporal service yet");
      }
      OperationView<FailoverResult> view = view(project);
      FollowedWorkflow.Ended<FailoverResult> shown = view.ended(failover, watch, out);
      if (json) {
        out.println(JsonText.of(shown.report()));
        return shown.report() != null
                && Outcome.of(shown.report().outcome()).equals(Outcome.SUCCEEDED)
            ? ExitCodes.OK
            : ExitCodes.FAILED;
      }
      return view.print(shown, out);
    }
  }

  static OperationView<FailoverResult> view(String project) {
    return new OperationView<>(
        "failover of " + project,
        "baton failover status",
        FailoverResult.class,
        r -> FailoverReport.render(project, r));
  }
}
