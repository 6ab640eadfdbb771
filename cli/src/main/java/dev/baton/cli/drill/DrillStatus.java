package dev.baton.cli.drill;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.report.OperationView;
import dev.baton.drill.DrillReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the running (or last) drill, by hand or scheduled; --watch follows it.",
    footer = {"", "Examples:", "  baton drill status", "  baton drill status --watch"})
final class DrillStatus extends ProjectCommand {
  @Option(names = "--watch", description = "follow a running drill until it ends")
  boolean watch;

  DrillStatus(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      PrintWriter out = out();
      Drills.Run run =
          new Drills(session.client(), project)
              .latest()
              .orElseThrow(
                  () ->
                      new BatonCliException(
                          ExitCodes.FAILED,
                          "no drill of "
                              + project
                              + " on this Temporal service yet; run one with `baton drill run`"));
      return view(project).show(run.followed(session.client()), watch, out);
    }
  }

  static OperationView<DrillReport> view(String project) {
    return new OperationView<>(
        "drill of " + project,
        "baton drill status",
        DrillReport.class,
        r -> DrillReportText.render(project, r));
  }
}
