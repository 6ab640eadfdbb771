package dev.baton.cli.history;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.JsonText;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import io.grpc.Status;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Past and running releases, rollbacks, failovers, drills and deploys.",
      "Newest first: version, outcome, who asked and approved, how long each step took.",
      "Read from Temporal's visibility store and the workflows' histories (no worker",
      "needed), for as long as the service keeps them (`baton dev`: until it stops)."
    },
    footer = {
      "",
      "Examples:",
      "  baton history",
      "  baton history --limit 5",
      "  baton history --output json"
    })
public final class HistoryCommand extends ProjectCommand {
  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "show the N newest (default: ${DEFAULT-VALUE})")
  int limit = 20;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "text (default) or json (a list of entries)")
  String output = "text";

  HistoryCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() throws Exception {
    boolean json = JsonText.wanted(output);
    if (limit < 1) {
      throw new BatonCliException(ExitCodes.BAD_INPUT, "--limit must be at least 1");
    }
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      Executions.Listing listing =
          new Executions(session.client(), project, session.config().siteIds()).newest(limit);
      EntryReader reader = new EntryReader(session.client(), project);
      List<HistoryEntry> entries = new ArrayList<>();
      for (WorkflowExecutionInfo info : listing.executions()) {
        entries.add(reader.read(info));
      }
      PrintWriter out = out();
      if (json) {
        out.println(JsonText.of(entries));
        return ExitCodes.OK;
      }
      if (entries.isEmpty()) {
        out.printf(
            "no release, failover, drill or deploy of %s on this Temporal service yet%n", project);
      } else {
        out.print(HistoryTable.render(entries, Clock.systemDefaultZone()));
      }
      if (listing.fallback() != null) {
        out.printf(
            "%n(listed from the open and closed workflows: this Temporal service answered the"
                + " visibility query with %s%s)%n",
            listing.fallback(),
            listing.fallback() == Status.Code.UNIMPLEMENTED ? ", as the embedded one does" : "");
      }
      return ExitCodes.OK;
    }
  }
}
