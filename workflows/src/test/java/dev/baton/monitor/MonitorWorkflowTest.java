package dev.baton.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Names;
import dev.baton.database.ReplicationStatus;
import dev.baton.failover.FailoverResult;
import dev.baton.router.SwitchRequest;
import dev.baton.testing.MockedSitesTestBase;
import dev.baton.testing.WebUi;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorWorkflowTest extends MockedSitesTestBase {
  private MonitorWorkflow monitor;

  private void startMonitor(boolean autoFailover) {
    siteWorkers("primary", "secondary");
    down.clear();
    env.start();
    monitor =
        env.getWorkflowClient()
            .newWorkflowStub(
                MonitorWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(Names.monitorWorkflowId(PROJECT))
                    .build());
    MonitorPolicy policy =
        new MonitorPolicy(Duration.ofSeconds(2), 3, autoFailover, 16 << 20, Duration.ofSeconds(30));
    controlRules(null, policy(true), policy, null);
    WorkflowClient.start(
        monitor::run,
        new MonitorRequest(
            PROJECT, List.of("primary", "secondary"), "carol", policy, policy(true), null));
    env.sleep(Duration.ofSeconds(10));
  }

  private void notified(String event) {
    verify(notify).send(argThat(n -> n.event().equals(event)));
  }

  @Test
  void threeFailedProbesStartAFailoverThatReportsTheRtoFromTheFirstFailedProbe() {
    startMonitor(true);
    assertThat(monitor.status().activeHealth()).isEqualTo(SiteHealth.HEALTHY);
    assertThat(monitor.status().lastReplication().streaming()).isTrue();

    down.add("primary");
    env.sleep(Duration.ofSeconds(12));

    verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    FailoverResult failover =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(Names.failoverWorkflowId(PROJECT))
            .getResult(FailoverResult.class);
    assertThat(failover.outcome()).isEqualTo("SUCCEEDED");
    // Detected at the first failed probe, acted at the third: probes start at a fixed rate, so
    // the third starts 2 intervals after the first; the first is recorded when it ended, so its
    // own duration (milliseconds with these mocks) is the only slack.
    assertThat(failover.rtoFromDetectionMillis() - failover.rtoMillis()).isBetween(3900L, 6000L);
    assertThat(failover.rpo()).startsWith("0:");
    MonitorStatus status = monitor.status();
    assertThat(status.activeSite()).isEqualTo("secondary");
    assertThat(status.activeHealth()).isEqualTo(SiteHealth.HEALTHY);
    assertThat(status.failoverWorkflowId()).isEqualTo(Names.failoverWorkflowId(PROJECT));
    assertThat(status.events()).anyMatch(e -> e.contains("primary is down: 3 probes failed"));
    notified("site-down");
    notified("failover-done");

    monitor.stop("carol");
    env.getWorkflowClient()
        .newUntypedWorkflowStub(Names.monitorWorkflowId(PROJECT))
        .getResult(Void.class);
  }

  @Test
  void aManualMonitorWaitsForAnApprovalAndDoesNothingWithoutIt() {
    startMonitor(false);
    assertThatThrownBy(() -> monitor.approveFailover(new FailoverApproval("alice", "why not")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("not waiting for a failover approval");

    down.add("primary");
    env.sleep(Duration.ofMinutes(5));
    assertThat(monitor.status().waitingForApproval()).isTrue();
    assertThat(monitor.status().activeHealth()).isEqualTo(SiteHealth.DOWN);
    verify(router, never()).switchTo(any());
    verify(notify, times(1)).send(argThat(n -> n.event().equals("failover-approval-needed")));

    assertThat(monitor.approveFailover(new FailoverApproval("alice", "dc1 flooded")))
        .isEqualTo("failover of primary approved by alice");
    env.sleep(Duration.ofSeconds(5));
    verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    assertThat(monitor.status().activeSite()).isEqualTo("secondary");
    assertThat(monitor.status().waitingForApproval()).isFalse();
  }

  @Test
  void anUndeliveredNotificationBecomesAnEventAndDelaysNothing() {
    doThrow(
            ApplicationFailure.newFailure(
                "webhook answered HTTP 502: bad gateway", "NOTIFY_FAILED"))
        .when(notify)
        .send(any());
    startMonitor(true);

    down.add("primary");
    env.sleep(Duration.ofSeconds(12));

    // The failover started right after site-down, while that notification was still retried.
    verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    env.sleep(Duration.ofMinutes(3));
    verify(notify, times(4)).send(argThat(n -> n.event().equals("site-down")));
    assertThat(monitor.status().events())
        .anyMatch(
            e ->
                e.endsWith(
                    "notification site-down not delivered: webhook answered HTTP 502: bad"
                        + " gateway"));
  }

  @Test
  void theWebUisApproveFailoverSignalWithJsonStartsTheFailover() {
    startMonitor(false);
    down.add("primary");
    env.sleep(Duration.ofSeconds(10));
    assertThat(monitor.status().waitingForApproval()).isTrue();

    // Exactly what the UI sends: the typed JSON as a json/plain payload.
    WebUi.signal(
        env,
        Names.monitorWorkflowId(PROJECT),
        "approveFailover",
        "{\"approver\":\"alice\",\"reason\":\"dc1 down\"}");
    env.sleep(Duration.ofSeconds(5));

    verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    MonitorStatus status = monitor.status();
    assertThat(status.waitingForApproval()).isFalse();
    assertThat(status.activeSite()).isEqualTo("secondary");
    assertThat(status.events()).anyMatch(e -> e.contains("failover by alice"));
  }

  @Test
  void anUntypedApproveFailoverSignalWithAJsonNodeStartsTheFailover() {
    startMonitor(false);
    down.add("primary");
    env.sleep(Duration.ofSeconds(10));
    assertThat(monitor.status().waitingForApproval()).isTrue();

    WorkflowStub.fromTyped(monitor)
        .signal(
            "approveFailover",
            new ObjectMapper().createObjectNode().put("approver", "bob").put("reason", "dc1 down"));
    env.sleep(Duration.ofSeconds(5));

    verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    assertThat(monitor.status().events()).anyMatch(e -> e.contains("failover by bob"));
  }

  @Test
  void aSiteThatRecoversBeforeTheThresholdIsNotFailedOver() {
    startMonitor(true);
    down.add("primary");
    env.sleep(Duration.ofSeconds(3)); // one or two failed probes
    down.clear();
    env.sleep(Duration.ofSeconds(10));
    verify(router, never()).switchTo(any());
    MonitorStatus status = monitor.status();
    assertThat(status.activeHealth()).isEqualTo(SiteHealth.HEALTHY);
    assertThat(status.consecutiveFailures()).isZero();
    assertThat(status.events()).anyMatch(e -> e.contains("primary answers again after"));
  }

  @Test
  void aLaggingReplicaDegradesTheStandbyOnceAndItsRecoveryIsReported() {
    startMonitor(true);
    when(database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 64 << 20, 90_000, "64.0 MB behind"));
    env.sleep(Duration.ofSeconds(40));
    assertThat(monitor.status().standbyHealth())
        .isEqualTo("DEGRADED: secondary's database: 64.0 MB behind");
    verify(notify, times(1)).send(argThat(n -> n.event().equals("standby-degraded")));

    when(database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 0, 0, "streaming"));
    env.sleep(Duration.ofSeconds(12));
    assertThat(monitor.status().standbyHealth()).isEqualTo("HEALTHY");
    notified("standby-recovered");
    verify(router, never()).switchTo(any());
  }

  @Test
  void theMonitorContinuesAsNewAndKeepsWhatItKnows() {
    startMonitor(true);
    String firstRun =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(Names.monitorWorkflowId(PROJECT))
            .describe()
            .getExecution()
            .getRunId();
    // Test time moves in steps until the monitor passed a run's worth of probes: how many ticks
    // one step covers depends on how fast this machine runs the activities.
    for (int step = 0;
        step < 100 && monitor.status().probes() <= MonitorWorkflowImpl.PROBES_PER_RUN;
        step++) {
      env.sleep(Duration.ofSeconds(30));
    }
    MonitorStatus status = monitor.status();
    assertThat(status.probes()).isGreaterThan(MonitorWorkflowImpl.PROBES_PER_RUN);
    assertThat(status.events().get(0)).contains("monitor started by carol");
    String laterRun =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(Names.monitorWorkflowId(PROJECT))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(laterRun).isNotEqualTo(firstRun);
  }

  @Test
  void aFailoverAlreadyRunningIsNotStartedTwiceAndTheMonitorKeepsWatching() {
    startMonitor(true);
    // A person started a failover by hand that waits (its confirm probes pass slowly).
    dev.baton.failover.FailoverWorkflow manual = stub();
    when(operations.preempt(any()))
        .thenAnswer(
            call -> {
              Thread.sleep(3000); // keeps the manual failover busy while the monitor acts
              return "";
            });
    WorkflowClient.start(manual::run, request(policy(true)));
    down.add("primary");
    env.sleep(Duration.ofSeconds(12));

    env.sleep(Duration.ofSeconds(10));
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(Names.monitorWorkflowId(PROJECT))
                .describe()
                .getStatus())
        .as("events: %s", monitor.status().events())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(monitor.status().events())
        .anyMatch(e -> e.endsWith("a failover of shop is already running; watching it"))
        .anyMatch(e -> e.endsWith("traffic moved from primary to secondary"))
        .noneMatch(e -> e.contains("failover failed"));
    assertThat(monitor.status().waitingForApproval()).isFalse();
    assertThat(monitor.status().activeSite()).isEqualTo("secondary");
  }
}
