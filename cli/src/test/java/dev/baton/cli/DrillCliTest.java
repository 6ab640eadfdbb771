package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.CliHarness.Run;
import dev.baton.drill.DrillRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `baton drill …` against the embedded Temporal service and a fake DrillWorkflow. */
class DrillCliTest {
  @RegisterExtension final OpsHarness harness = new OpsHarness();

  @Test
  void aDrillIsFollowedAndReportedWithSwitchTimesAndRequestErrors() {
    Run none = harness.baton("drill", "list");
    assertThat(none.out())
        .isEqualTo(
            "drills of shop are not scheduled; schedule them with `baton drill schedule --cron"
                + " EXPR`\n\nno drill of shop has run yet\n");

    Run run = harness.baton("drill", "run");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("started drill of shop as carol (workflow baton-drill-shop)\n")
        .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d switch-back +succeeded in 0\\.\\ds")
        .contains(
            "drill of shop: SUCCEEDED\n"
                + "  primary -> secondary, traffic now on primary\n"
                + "  switch 0.8s, switch back 0.9s\n"
                + "  request errors: 2 of 1532 requests failed (502 x2)\n")
        .containsPattern("(?m)^bake +succeeded +\\d\\d:\\d\\d:\\d\\d +0\\.\\ds");
    DrillRequest sent = harness.input("baton-drill-shop", DrillRequest.class);
    assertThat(sent.keep()).as("drill.switchBack defaults to true").isFalse();
    assertThat(sent.requestedBy()).isEqualTo("carol");
    assertThat(sent.policy()).as("the drill reads the control worker's rules").isNull();

    Run list = harness.baton("drill", "list");
    assertThat(list.out())
        .contains("last drill (workflow baton-drill-shop, started ")
        .contains("drill of shop: SUCCEEDED");
  }

  @Test
  void keepIsSentAndDetachReturns() {
    Run run = harness.baton("drill", "run", "--keep", "--detach", "--as", "erin");
    assertThat(run.out())
        .isEqualTo(
            "started drill of shop as erin (workflow baton-drill-shop): traffic stays on the"
                + " standby afterwards\nfollow it with: baton drill status --watch\n");
    assertThat(harness.input("baton-drill-shop", DrillRequest.class).keep()).isTrue();
    Run watched = harness.baton("drill", "status", "--watch");
    assertThat(watched.code()).as(watched.err()).isZero();
    assertThat(watched.out())
        .contains("  primary -> secondary, traffic now on secondary\n")
        .contains("switch 0.8s, switch back -\n")
        .doesNotContain("switch-back");
  }

  @Test
  void aTerminatedDrillShowsItsLastProgressAndWhyItEnded() {
    harness.baton("drill", "run", "--detach");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!harness.baton("drill", "status").out().contains("validate")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(harness.baton("drill", "status").out())
        .as("the drill got going")
        .contains("validate");
    harness
        .client()
        .newUntypedWorkflowStub("baton-drill-shop")
        .terminate("pre-empted by failover baton-failover-shop: dc1 lost power");
    Run status = harness.baton("drill", "status");
    assertThat(status.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(status.err())
        .isEqualTo(
            "baton: drill of shop ended: pre-empted by failover baton-failover-shop: dc1 lost"
                + " power\n");
    assertThat(status.out()).startsWith("drill of shop: RUNNING\n");
  }

  @Test
  void scheduleFallsBackToACronWorkflowOnTheDevServer() {
    Run bad = harness.baton("drill", "schedule", "--cron", "0 3 * *");
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err())
        .isEqualTo(
            "baton: --cron \"0 3 * *\" has 4 fields; expected 5 fields: minute hour day-of-month"
                + " month day-of-week, in UTC, e.g. \"0 3 * * 1\" for Mondays at 03:00\n");
    assertThat(harness.baton("drill", "schedule", "--cron", "0 3 * * mon;rm").err())
        .contains("\"mon;rm\" is not a cron field");

    Run scheduled = harness.baton("drill", "schedule", "--cron", "0  3 * * 1");
    assertThat(scheduled.code()).as(scheduled.err()).isZero();
    assertThat(scheduled.out())
        .isEqualTo(
            "this Temporal service has no Schedule API (it answered UNIMPLEMENTED, as the"
                + " embedded dev service does): fell back to a cron workflow"
                + " baton-drill-schedule-shop whose runs are the drills\n"
                + "scheduled drills of shop: cron \"0 3 * * 1\" (UTC)\n");
    var started = harness.started("baton-drill-schedule-shop", null);
    assertThat(started.getCronSchedule()).isEqualTo("0 3 * * 1");
    assertThat(started.getWorkflowType().getName()).isEqualTo("Drill");
    assertThat(started.getTaskQueue().getName()).isEqualTo("baton.shop.control");
    assertThat(harness.input("baton-drill-schedule-shop", DrillRequest.class).keep()).isFalse();

    Run again = harness.baton("drill", "schedule", "--cron", "0 4 * * *");
    assertThat(again.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(again.err())
        .isEqualTo(
            "baton: drills of shop are scheduled already (a cron workflow"
                + " baton-drill-schedule-shop); see `baton drill list`, or replace it: `baton"
                + " drill unschedule` first\n");

    Run list = harness.baton("drill", "list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out())
        .startsWith(
            "drills of shop are scheduled: cron \"0 3 * * 1\" (UTC), cron workflow"
                + " baton-drill-schedule-shop (this Temporal service has no Schedule API)\n"
                + "next run: ")
        .contains("no drill of shop has run yet");

    Run removed = harness.baton("drill", "unschedule");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(removed.out())
        .isEqualTo(
            "removed the drill schedule of shop (cron workflow baton-drill-schedule-shop, cron"
                + " \"0 3 * * 1\")\n");
    assertThat(
            harness
                .client()
                .newUntypedWorkflowStub("baton-drill-schedule-shop")
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(harness.baton("drill", "unschedule").out())
        .isEqualTo("no drill schedule for shop\n");
  }
}
