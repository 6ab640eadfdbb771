package dev.baton.cli.drill;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import io.temporal.client.WorkflowExecutionDescription;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "unschedule",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the drill schedule (the Temporal Schedule, or the cron workflow that stands in "
          + "for it). A drill in progress is never cut short: with the cron workflow, a run that is "
          + "drilling now is refused; try again when it has ended. Nothing scheduled: says so, exit 0."
    },
    footer = {"", "Example:", "  baton drill unschedule"})
final class DrillUnschedule extends ProjectCommand {
  @Option(names = "--as", paramLabel = "NAME", description = "who unschedules (default: $USER)")
  String by;

  DrillUnschedule(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      String scheduleId = Names.drillScheduleId(project);
      PrintWriter out = out();
      Drills drills = new Drills(session.client(), project);
      if (drills.schedule().isPresent()) {
        // A running drill is a workflow of its own; deleting the schedule leaves it alone.
        drills.schedules().getHandle(scheduleId).delete();
        out.printf(
            "deleted the drill schedule of %s (Temporal Schedule %s)%n", project, scheduleId);
        return ExitCodes.OK;
      }
      Optional<WorkflowExecutionDescription> cron = drills.cronWorkflow();
      if (cron.isEmpty()) {
        out.printf("no drill schedule for %s%n", project);
        return ExitCodes.OK;
      }
      if (Drills.drilling(cron.get())) {
        // Ending the cron workflow now would end the drill in the middle, traffic and all.
        throw new BatonCliException(
            ExitCodes.REFUSED,
            "a scheduled drill of "
                + project
                + " is running now (workflow "
                + scheduleId
                + "); unschedule when it has ended: `baton drill status --watch`");
      }
      String expression = drills.cronOf(cron.get());
      session
          .client()
          .newUntypedWorkflowStub(scheduleId)
          .terminate("drills unscheduled by " + Identity.of(by, context));
      out.printf(
          "removed the drill schedule of %s (cron workflow %s, cron \"%s\")%n",
          project, scheduleId, expression);
      return ExitCodes.OK;
    }
  }
}
