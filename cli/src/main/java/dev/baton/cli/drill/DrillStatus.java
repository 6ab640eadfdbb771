package dev.baton.cli.drill;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ConfigOptions;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.report.OperationView;
import dev.baton.drill.DrillReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the running (or last) drill, by hand or scheduled; --watch follows it.",
    footer = {"", "Examples:", "  baton drill status", "  baton drill status --watch"})
final class DrillStatus implements Callable<Integer> {
  private final BatonContext context;
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--watch", description = "follow a running drill until it ends")
  boolean watch;

  DrillStatus(BatonContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (ProjectSession session = ProjectSession.open(options, context)) {
      String project = session.config().project();
      PrintWriter out = spec.commandLine().getOut();
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
