package dev.baton.cli.drill;

import dev.baton.Names;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.report.FollowedWorkflow;
import dev.baton.drill.DrillReport;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.schedules.ScheduleDescription;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Show the drill schedule (cron expression, next run) and the last drill's report.",
    footer = {"", "Example:", "  baton drill list"})
final class DrillList extends ProjectCommand {
  DrillList(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      PrintWriter out = out();
      Drills drills = new Drills(session.client(), project);
      printSchedule(out, project, drills);
      out.println();
      Optional<Drills.Run> latest = drills.latest();
      if (latest.isEmpty()) {
        out.printf("no drill of %s has run yet%n", project);
        return ExitCodes.OK;
      }
      Drills.Run run = latest.get();
      out.printf(
          "%s drill (workflow %s, started %s):%n",
          run.running() ? "running" : "last", run.workflowId(), run.startedAt());
      FollowedWorkflow<DrillReport> drill = run.followed(session.client());
      FollowedWorkflow.Ended<DrillReport> ended;
      if (run.running()) {
        DrillReport progress = drill.progress();
        ended =
            new FollowedWorkflow.Ended<>(progress, progress == null ? "has no progress yet" : null);
      } else {
        ended = drill.ended();
      }
      if (ended.report() != null) {
        out.print(DrillReportText.render(project, ended.report()));
      }
      if (ended.failure() != null) {
        out.printf("the drill %s%n", ended.failure());
      }
      return ExitCodes.OK;
    }
  }

  private static void printSchedule(PrintWriter out, String project, Drills drills) {
    String scheduleId = Names.drillScheduleId(project);
    Optional<ScheduleDescription> schedule = drills.schedule();
    if (schedule.isPresent()) {
      ScheduleDescription s = schedule.get();
      Object memo = s.getMemo(DrillSchedule.MEMO_CRON, String.class);
      List<String> crons = s.getSchedule().getSpec().getCronExpressions();
      String cron = memo != null ? memo.toString() : String.join("; ", crons);
      out.printf(
          "drills of %s are scheduled: cron \"%s\" (UTC), Temporal Schedule %s%n",
          project, cron, scheduleId);
      List<Instant> next = s.getInfo().getNextActionTimes();
      out.printf("next run: %s%n", next.isEmpty() ? "none" : next.get(0));
      return;
    }
    Optional<WorkflowExecutionDescription> cron = drills.cronWorkflow();
    if (cron.isEmpty()) {
      out.printf(
          "drills of %s are not scheduled; schedule them with `baton drill schedule --cron EXPR`%n",
          project);
      return;
    }
    out.printf(
        "drills of %s are scheduled: cron \"%s\" (UTC), cron workflow %s (this Temporal service"
            + " has no Schedule API)%n",
        project, drills.cronOf(cron.get()), scheduleId);
    if (Drills.drilling(cron.get())) {
      out.println("next run: a drill is running now");
    } else {
      Instant due = cron.get().getExecutionTime();
      out.printf("next run: %s%n", due == null ? "unknown" : due);
    }
  }
}
