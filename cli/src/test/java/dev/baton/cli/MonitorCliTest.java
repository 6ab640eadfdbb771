package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.CliHarness.Run;
import dev.baton.monitor.MonitorRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `baton monitor …` against the embedded Temporal service and a fake MonitorWorkflow. */
class MonitorCliTest {
  @RegisterExtension final OpsHarness harness = new OpsHarness();

  @Test
  void startStatusApproveStop() {
    Run notRunning = harness.baton("monitor", "status");
    assertThat(notRunning.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(notRunning.err())
        .isEqualTo(
            "baton: the monitor of shop is not running; start it with `baton monitor start`\n");

    Run started = harness.baton("monitor", "start");
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out())
        .isEqualTo(
            "started the monitor of shop (workflow baton-monitor-shop): a probe every 2.0s,"
                + " asks for approval to fail over after 3 failed probes in a row\n");
    MonitorRequest sent = harness.input("baton-monitor-shop", MonitorRequest.class);
    assertThat(sent.requestedBy()).isEqualTo("carol");
    // No rules travel: the monitor reads the control worker's. No flag: nothing to tighten.
    assertThat(sent.policy()).isNull();
    assertThat(sent.failover()).isNull();
    assertThat(sent.state()).isNull();

    Run again = harness.baton("monitor", "start");
    assertThat(again.code()).isZero();
    assertThat(again.out())
        .isEqualTo(
            "the monitor of shop is already running (workflow baton-monitor-shop); see `baton"
                + " monitor status`\n");

    Run status = harness.baton("monitor", "status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .startsWith("monitor of shop: running, 42 probes\n")
        .containsPattern("active: +primary DOWN \\(3 failed probes in a row since ")
        .contains("standby:     secondary HEALTHY\n")
        .contains("baton monitor approve --reason WHY --as NAME")
        .contains("  started by carol\n");
    Run json = harness.baton("monitor", "status", "--output", "json");
    assertThat(json.out()).contains("\"waitingForApproval\" : true").contains("\"probes\" : 42");

    Run approved = harness.baton("monitor", "approve", "--reason", "dc1 lost power", "--as", "bob");
    assertThat(approved.code()).as(approved.err()).isZero();
    assertThat(approved.out())
        .isEqualTo("approved the failover of shop as bob: started failover baton-failover-shop\n");
    Run twice = harness.baton("monitor", "approve", "--reason", "again");
    assertThat(twice.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(twice.err())
        .isEqualTo(
            "baton: approve refused: the monitor is not waiting for an approval (primary is"
                + " HEALTHY)\n");
    assertThat(harness.baton("monitor", "status").out())
        .contains("failover:    baton-failover-shop")
        .contains("failover approved by bob: dc1 lost power");

    Run stopped = harness.baton("monitor", "stop", "--as", "dave");
    assertThat(stopped.code()).as(stopped.err()).isZero();
    assertThat(stopped.out())
        .isEqualTo(
            "stop requested for the monitor of shop as dave\nthe monitor of shop has stopped\n");
    assertThat(harness.baton("monitor", "stop").out())
        .isEqualTo("the monitor of shop is not running\n");
    Run approveStopped = harness.baton("monitor", "approve", "--reason", "x");
    assertThat(approveStopped.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(approveStopped.err()).contains("the monitor of shop is not running");
  }

  @Test
  void approveNeedsAReason() {
    Run run = harness.baton("monitor", "approve");
    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("Missing required option: '--reason=TEXT'");
  }
}
