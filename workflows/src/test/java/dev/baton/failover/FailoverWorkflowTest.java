package dev.baton.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.database.DatabaseRequest;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplicationStatus;
import dev.baton.notify.Notification;
import dev.baton.probe.ProbeRequest;
import dev.baton.release.StepState;
import dev.baton.report.Phase;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import dev.baton.testing.Fault;
import dev.baton.testing.MockedSitesTestBase;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class FailoverWorkflowTest extends MockedSitesTestBase {

  @Test
  void confirmsTheOutageMovesTrafficFirstThenFencesReplaysAndPromotes() {
    siteWorkers("primary", "secondary");
    FailoverResult result = run(request(policy(true))).progress();

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.from()).isEqualTo("primary");
    assertThat(result.to()).isEqualTo("secondary");
    InOrder order = inOrder(probe, operations, router, database, primary, secondary);
    order.verify(probe).probe(new ProbeRequest(PROJECT, "secondary")); // decided before pre-empting
    order.verify(operations).preempt(any());
    order.verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    order.verify(database).fence(new DatabaseRequest(PROJECT, "primary"));
    order.verify(database).awaitReplay(new ReplayRequest(PROJECT, "secondary", "0/3000148"));
    order.verify(database).promote(new DatabaseRequest(PROJECT, "secondary"));
    order
        .verify(secondary)
        .setActiveOnlyServices(new ActiveOnlyRequest(PROJECT, "secondary", true));
    verify(primary).setActiveOnlyServices(new ActiveOnlyRequest(PROJECT, "primary", false));
    // Three probes of the failed site two seconds apart: the RTO includes the confirmation.
    verify(probe, times(3)).probe(new ProbeRequest(PROJECT, "primary"));
    assertThat(result.rtoMillis()).isGreaterThanOrEqualTo(4000);
    assertThat(result.rtoFromDetectionMillis()).isNull();
    assertThat(result.rpo()).startsWith("0: primary's database was fenced at 0/3000148");
    assertThat(result.fenced()).isEqualTo("router, active-only services [worker], database");
    assertThat(result.phases())
        .extracting(Phase::name)
        .containsExactly(
            "plan",
            "confirm-down",
            "check-standby",
            "preempt",
            "route",
            "fence",
            "promote",
            "start-active-only",
            "verify");
    assertThat(result.phases()).extracting(Phase::state).containsOnly(StepState.SUCCEEDED);
    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(notify).send(sent.capture());
    assertThat(sent.getValue().event()).isEqualTo("failover-succeeded");
    assertThat(sent.getValue().text()).contains("traffic on secondary").contains("RPO 0");
  }

  @Test
  void aNotificationThatCannotBeDeliveredEndsUpInTheMessageOnly() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "webhook answered HTTP 404: no_service", "NOTIFY_FAILED"))
        .when(notify)
        .send(any());
    siteWorkers("primary", "secondary");
    FailoverResult result = run(request(policy(true))).progress();

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.message())
        .startsWith("traffic on secondary after ")
        .endsWith(
            "; notification failover-succeeded not delivered: webhook answered HTTP 404:"
                + " no_service");
  }

  @Test
  void anActiveSiteThatAnswersIsNotFailedOverAndNothingMoves() {
    down.clear();
    siteWorkers("primary", "secondary");
    FailoverResult result = run(request(policy(true))).progress();

    assertThat(result.outcome()).isEqualTo("FAILOVER_REFUSED");
    assertThat(result.message())
        .contains("primary answers its probes")
        .contains("--force")
        .endsWith("(traffic was not moved)");
    verify(router, never()).switchTo(any());
    verify(database, never()).fence(any());
    verify(database, never()).promote(any());
  }

  @Test
  void aForcedFailoverSkipsTheConfirmationAndStillRefusesAnUnhealthyStandby() {
    down.add("secondary");
    siteWorkers("primary", "secondary");
    FailoverRequest forced = request(policy(true));
    forced =
        new FailoverRequest(
            forced.project(),
            forced.siteIds(),
            null,
            true,
            "drill gone wrong",
            "carol",
            forced.policy(),
            null,
            null,
            0);
    FailoverResult result = run(forced).progress();

    assertThat(result.phases().get(1))
        .extracting(Phase::name, Phase::state, Phase::detail)
        .containsExactly("confirm-down", StepState.SKIPPED, "forced by carol");
    verify(probe, never()).probe(new ProbeRequest(PROJECT, "primary"));
    assertThat(result.outcome()).isEqualTo("STANDBY_UNHEALTHY");
    assertThat(result.message()).startsWith("secondary cannot take over, traffic was not moved");
    verify(router, never()).switchTo(any());
  }

  @Test
  void aSiteThatIsGoneWithItsWorkerAndDatabaseIsFencedByTheRouterAloneAndTheRpoIsEstimated() {
    siteWorkers("secondary"); // primary's worker died with its site
    when(database.fence(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "connection refused: 127.0.0.1:5532", "DATABASE_UNAVAILABLE"));
    FailoverRequest lastSeen =
        new FailoverRequest(
            PROJECT,
            List.of("primary", "secondary"),
            null,
            false,
            "dc1 lost power",
            "carol",
            policy(true),
            null,
            new ReplicationStatus(true, 4096, 120, "streaming"),
            0L);
    FailoverResult result = run(lastSeen).progress();

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.fenced()).isEqualTo("router");
    Phase fence = result.phases().get(5);
    assertThat(fence.name()).isEqualTo("fence");
    assertThat(fence.detail())
        .contains("active-only services [worker] (")
        .contains("database (connection refused: 127.0.0.1:5532)");
    // Each best-effort action is bounded by the fence timeout (5 s), and they run at once.
    assertThat(fence.millis()).isBetween(5000L, 6000L);
    verify(database, never()).awaitReplay(any());
    verify(database).promote(new DatabaseRequest(PROJECT, "secondary"));
    assertThat(result.rpo()).startsWith("estimate 4.0 kB (120 ms of writes)");
  }

  @Test
  void aFailoverStartedThroughTheApiWithTheMonitorsFindingsStillConfirmsTheOutage() {
    // firstFailedProbeAtMillis says "the monitor saw it fail": from anyone but the monitor it
    // would skip the confirmation, so it is not believed.
    siteWorkers("primary", "secondary");
    FailoverRequest claimed =
        new FailoverRequest(
            PROJECT,
            List.of("primary", "secondary"),
            null,
            false,
            "trust me",
            "mallory",
            policy(false),
            0L,
            null,
            0L);
    down.clear();
    FailoverResult result = run(claimed).progress();

    assertThat(result.outcome()).isEqualTo("FAILOVER_REFUSED");
    assertThat(result.message()).startsWith("primary answers its probes");
    verify(probe).probe(new ProbeRequest(PROJECT, "primary"));
    assertThat(result.rtoFromDetectionMillis()).isNull();
    verify(operations, never()).preempt(any());
    verify(router, never()).switchTo(any());
  }

  @Test
  void aRefusedFailoverLeavesTheRunningReleaseAloneAndSaysSo() {
    down.clear(); // the active site answers: this failover will not act
    siteWorkers("primary", "secondary");
    when(operations.running(any())).thenReturn("release v2 (step bake)");
    FailoverResult result = run(request(policy(false))).progress();

    assertThat(result.outcome()).isEqualTo("FAILOVER_REFUSED");
    assertThat(result.message())
        .contains("nothing was changed; release v2 (step bake) keeps running.");
    assertThat(result.preempted()).isEmpty();
    verify(operations, never()).preempt(any());
  }

  @Test
  void aFailoverPreemptsARunningReleaseAndReportsIt() {
    siteWorkers("primary", "secondary");
    when(operations.preempt(any())).thenReturn("release v2 (step bake)");
    FailoverResult result = run(request(policy(false))).progress();

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.preempted()).isEqualTo("release v2 (step bake)");
    assertThat(result.phases().get(3).detail()).isEqualTo("terminated release v2 (step bake)");
    assertThat(result.rpo()).startsWith("not applicable");
    verify(database, never()).promote(any());
  }

  @Test
  @Fault(
      dependency = "site id",
      fault = "unknown site, started through the API",
      outcome = "refused before anything happens")
  void anUnknownTargetSiteIsRefusedBeforeAnythingHappens() {
    siteWorkers("primary", "secondary");
    FailoverRequest bad = request(policy(true));
    bad =
        new FailoverRequest(
            PROJECT, bad.siteIds(), "dc9", false, "x", "carol", bad.policy(), null, null, 0);
    FailoverResult result = run(bad).progress();

    assertThat(result.outcome()).isEqualTo("BAD_CONFIG");
    assertThat(result.message()).contains("unknown site 'dc9'");
    verify(router, never()).switchTo(any());
  }
}
