package dev.baton.cli.drill;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import dev.baton.config.BatonConfig;
import dev.baton.drill.DrillRequest;
import dev.baton.drill.DrillWorkflow;
import dev.baton.worker.OperationInputs;
import dev.baton.worker.RunningWorkflows;
import io.grpc.Status;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Schedule drills with a Temporal Schedule (overlap: skip). Where the service has no "
          + "Schedule API (the embedded `baton dev` one), a cron workflow stands in, and this says so."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:scheduled",
      "2:the cron expression is not 5 fields",
      "3:a drill schedule exists already (baton drill unschedule first)",
      "4:Temporal cannot be reached"
    },
    footer = {"", "Example:", "  baton drill schedule --cron \"0 3 * * 1\"   # Mondays 03:00 UTC"})
final class DrillSchedule extends ProjectCommand {
  static final String MEMO_CRON = "cron";

  @Option(
      names = "--cron",
      required = true,
      paramLabel = "EXPR",
      description = "when to drill: " + CronExpression.EXPECTED)
  String cron;

  @Option(names = "--as", paramLabel = "NAME", description = "who schedules (default: $USER)")
  String requester;

  DrillSchedule(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    String expression;
    try {
      expression = CronExpression.check(cron);
    } catch (IllegalArgumentException e) {
      throw new BatonCliException(ExitCodes.BAD_INPUT, e.getMessage());
    }
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      String project = config.project();
      String scheduleId = Names.drillScheduleId(project);
      String who = Identity.of(requester, context);
      DrillRequest request = OperationInputs.drillRequest(config, who, null);
      PrintWriter out = out();
      Drills drills = new Drills(session.client(), project);
      if (drills.cronWorkflow().isPresent()) {
        throw exists(project, "a cron workflow " + scheduleId);
      }
      try {
        drills
            .schedules()
            .createSchedule(
                scheduleId,
                schedule(project, expression, request),
                ScheduleOptions.newBuilder().setMemo(Map.of(MEMO_CRON, expression)).build());
        out.printf(
            "scheduled drills of %s: cron \"%s\" (UTC), Temporal Schedule %s; each run starts"
                + " workflow %s and is skipped while one still runs%n",
            project, expression, scheduleId, Names.drillWorkflowId(project));
        return ExitCodes.OK;
      } catch (ScheduleAlreadyRunningException e) {
        throw exists(project, "a Temporal Schedule " + scheduleId);
      } catch (RuntimeException e) {
        if (RunningWorkflows.grpcCode(e) != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
      }
      startCronWorkflow(session.client(), project, expression, request);
      out.printf(
          "this Temporal service has no Schedule API (it answered UNIMPLEMENTED, as the embedded"
              + " dev service does): fell back to a cron workflow %s whose runs are the drills%n",
          scheduleId);
      out.printf("scheduled drills of %s: cron \"%s\" (UTC)%n", project, expression);
      return ExitCodes.OK;
    }
  }

  private static Schedule schedule(String project, String expression, DrillRequest request) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(DrillWorkflow.class)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(Names.drillWorkflowId(project))
                        .setTaskQueue(Names.controlQueue(project))
                        .build())
                .setArguments(request)
                .build())
        .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of(expression)).build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .build();
  }

  private static void startCronWorkflow(
      WorkflowClient client, String project, String expression, DrillRequest request) {
    DrillWorkflow drill =
        client.newWorkflowStub(
            DrillWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(Names.drillScheduleId(project))
                .setTaskQueue(Names.controlQueue(project))
                .setCronSchedule(expression)
                .setMemo(Map.of(MEMO_CRON, expression))
                .build());
    try {
      WorkflowClient.start(drill::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw exists(project, "a cron workflow " + Names.drillScheduleId(project));
    }
  }

  private static BatonCliException exists(String project, String what) {
    return new BatonCliException(
        ExitCodes.REFUSED,
        "drills of "
            + project
            + " are scheduled already ("
            + what
            + "); see `baton drill list`, or replace it: `baton drill unschedule` first");
  }
}
