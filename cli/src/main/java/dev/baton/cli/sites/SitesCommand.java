package dev.baton.cli.sites;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.JsonText;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.config.BatonConfig;
import dev.baton.sites.SitesReport;
import dev.baton.sites.SitesRequest;
import dev.baton.sites.SitesWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.TimeoutFailure;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sites",
    mixinStandardHelpOptions = true,
    description = {
      "Show both sites: role, versions, containers, health, database and lag.",
      "The role follows where the router points; each service's version and container",
      "state come from the site's worker. Read-only. A site whose worker or Docker",
      "engine does not answer shows as unreachable."
    },
    footer = {"", "Examples:", "  baton sites", "  baton sites --output json"})
public final class SitesCommand extends ProjectCommand {
  /**
   * Longer than the slowest answer the workflow waits for (a dead site: 6 s, the control: 10 s).
   */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "text (default) or json (the SitesReport record)")
  String output = "text";

  SitesCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() throws Exception {
    boolean json = JsonText.wanted(output);
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      SitesReport report = look(session, config);
      PrintWriter out = out();
      if (json) {
        out.println(JsonText.of(report));
      } else {
        out.print(SitesTable.render(report, Clock.systemDefaultZone()));
      }
      return ExitCodes.OK;
    }
  }

  private static SitesReport look(ProjectSession session, BatonConfig config) {
    String project = config.project();
    // Not a workflow: the CLI may use a real random id.
    String id = Names.sitesWorkflowId(project, UUID.randomUUID().toString().substring(0, 8));
    SitesWorkflow sites =
        session
            .client()
            .newWorkflowStub(
                SitesWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(id)
                    .setTaskQueue(Names.controlQueue(project))
                    .setWorkflowExecutionTimeout(DEADLINE)
                    .build());
    try {
      return sites.run(new SitesRequest(project, config.siteIds(), config.database().replicated()));
    } catch (WorkflowFailedException e) {
      if (e.getCause() instanceof TimeoutFailure) {
        throw new BatonCliException(
            ExitCodes.FAILED,
            "no control worker of "
                + project
                + " answered within "
                + DEADLINE.toSeconds()
                + "s (workflow "
                + id
                + "); is `baton worker` (or `baton dev`) running?");
      }
      throw e;
    }
  }
}
