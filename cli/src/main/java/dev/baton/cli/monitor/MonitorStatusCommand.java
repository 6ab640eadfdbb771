package dev.baton.cli.monitor;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.JsonText;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.monitor.MonitorStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "What the monitor sees: the active site's health, the standby, replication.",
    footer = {"", "Examples:", "  baton monitor status", "  baton monitor status --output json"})
final class MonitorStatusCommand extends ProjectCommand {
  enum Output {
    text,
    json
  }

  @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json")
  Output output = Output.text;

  MonitorStatusCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() throws Exception {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      if (!Monitors.running(session.client(), project)) {
        throw new BatonCliException(ExitCodes.FAILED, Monitors.notRunning(project));
      }
      MonitorStatus status = Monitors.stub(session.client(), project).status();
      if (status == null) {
        throw new BatonCliException(
            ExitCodes.FAILED, "the monitor of " + project + " has not probed yet; try again");
      }
      out()
          .print(
              output == Output.json
                  ? json(status)
                  : MonitorStatusText.render(project, session.config().siteIds(), status));
      return ExitCodes.OK;
    }
  }

  private static String json(MonitorStatus status) {
    return JsonText.of(status) + System.lineSeparator();
  }
}
