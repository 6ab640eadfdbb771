package dev.baton.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.Names;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.ReseedRequest;
import dev.baton.database.ReseedResult;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.release.ReleasePolicy;
import dev.baton.release.StepState;
import dev.baton.release.TimeoutOutcome;
import dev.baton.report.Phase;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import dev.baton.testing.MockedSitesTestBase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class DrillWorkflowTest extends MockedSitesTestBase {

  @BeforeEach
  void healthyWorld() {
    down.clear();
    when(primaryDatabase.reseed(any())).thenReturn(new ReseedResult(900, 40, "pg_basebackup"));
    when(secondaryDatabase.reseed(any())).thenReturn(new ReseedResult(800, 30, "pg_basebackup"));
    siteWorkers("primary", "secondary");
  }

  static ReleasePolicy releasePolicy(boolean replicated) {
    return new ReleasePolicy(
        List.of("switch"),
        List.of(),
        false,
        Duration.ofHours(1),
        TimeoutOutcome.REJECT,
        Duration.ZERO,
        Duration.ofSeconds(5),
        Duration.ofMinutes(10),
        List.of("worker"),
        replicated,
        16 << 20,
        Duration.ofSeconds(30),
        List.of(),
        Duration.ZERO,
        false,
        null,
        false,
        null,
        List.of(),
        null,
        null);
  }

  private DrillWorkflow start(boolean replicated, boolean keep) {
    controlRules(releasePolicy(replicated), null, null, Duration.ofSeconds(30));
    env.start();
    DrillWorkflow drill =
        env.getWorkflowClient()
            .newWorkflowStub(
                DrillWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(Names.drillWorkflowId(PROJECT))
                    .build());
    WorkflowClient.start(
        drill::run,
        new DrillRequest(
            PROJECT,
            List.of("primary", "secondary"),
            "scheduler",
            releasePolicy(replicated),
            Duration.ofSeconds(30),
            keep));
    return drill;
  }

  private DrillReport finish(DrillWorkflow drill) {
    try {
      env.getWorkflowClient()
          .newUntypedWorkflowStub(Names.drillWorkflowId(PROJECT))
          .getResult(DrillReport.class);
    } catch (RuntimeException failedDrill) {
      // Asserted through the report below, which names the outcome.
    }
    return drill.progress();
  }

  @Test
  void aDrillSwitchesToTheStandbyBakesAndSwitchesBackReportingEachPhase() {
    DrillReport report = finish(start(false, false));

    assertThat(report.outcome()).isEqualTo("SUCCEEDED");
    assertThat(report.activeSite()).isEqualTo("primary");
    InOrder order = inOrder(router, primary, secondary);
    order.verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    order.verify(router).switchTo(new SwitchRequest(PROJECT, "secondary", "primary"));
    verify(secondary).setActiveOnlyServices(new ActiveOnlyRequest(PROJECT, "secondary", true));
    verify(primary).setActiveOnlyServices(new ActiveOnlyRequest(PROJECT, "primary", true));
    assertThat(report.phases())
        .extracting(Phase::name)
        .containsExactly("plan", "validate", "switch", "bake", "switch-back");
    assertThat(report.phases().get(3).detail()).isEqualTo("7 probe(s) passed over 30s");
    assertThat(report.requestErrors()).isEqualTo("0 of 1532 requests failed");
    assertThat(report.message())
        .startsWith("drill passed: secondary took over in ")
        .contains(", back on primary in ");
  }

  @Test
  void aBrokenStandbyAbortsTheDrillAndLeavesTrafficOnTheActiveSite() {
    down.add("secondary");
    DrillReport report = finish(start(true, false));

    assertThat(report.outcome()).isEqualTo("STANDBY_UNHEALTHY");
    assertThat(report.activeSite()).isEqualTo("primary");
    assertThat(report.message()).startsWith("secondary cannot take over, traffic stays on primary");
    verify(router, never()).switchTo(any());
    verify(database, never()).fence(any());
  }

  @Test
  void withAReplicatedDatabaseTheSwitchBackIsASecondSwitchoverBetweenReseeds() {
    DrillReport report = finish(start(true, false));

    assertThat(report.outcome()).isEqualTo("SUCCEEDED");
    InOrder order = inOrder(database, router, primaryDatabase, secondaryDatabase);
    order.verify(database).fence(new DatabaseRequest(PROJECT, "primary"));
    order.verify(database).promote(new DatabaseRequest(PROJECT, "secondary"));
    order.verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
    order.verify(primaryDatabase).reseed(new ReseedRequest(PROJECT, "primary", "secondary"));
    order.verify(database).fence(new DatabaseRequest(PROJECT, "secondary"));
    order.verify(database).promote(new DatabaseRequest(PROJECT, "primary"));
    order.verify(router).switchTo(new SwitchRequest(PROJECT, "secondary", "primary"));
    order.verify(secondaryDatabase).reseed(new ReseedRequest(PROJECT, "secondary", "primary"));
    assertThat(report.phases())
        .extracting(Phase::name)
        .containsExactly(
            "plan",
            "validate",
            "switch",
            "bake",
            "reseed-primary",
            "switch-back",
            "reseed-secondary");
    assertThat(report.phases().get(2).detail()).contains("database: primary fenced at 0/3000148");
  }

  @Test
  void keepLeavesTrafficOnTheStandbyAndMakesTheFormerPrimaryAReplica() {
    DrillReport report = finish(start(true, true));

    assertThat(report.outcome()).isEqualTo("SUCCEEDED");
    assertThat(report.activeSite()).isEqualTo("secondary");
    assertThat(report.switchBackMillis()).isZero();
    verify(router, never()).switchTo(new SwitchRequest(PROJECT, "secondary", "primary"));
    verify(primaryDatabase).reseed(new ReseedRequest(PROJECT, "primary", "secondary"));
    assertThat(report.phases().get(4))
        .extracting(Phase::name, Phase::state)
        .containsExactly("switch-back", StepState.SKIPPED);
  }

  @Test
  void aStandbyThatFailsWhileServingIsSwitchedBackAtOnce() {
    AtomicInteger secondaryProbes = new AtomicInteger();
    when(probe.probe(new ProbeRequest(PROJECT, "secondary")))
        .thenAnswer(
            call ->
                secondaryProbes.incrementAndGet() < 3
                    ? new ProbeResult("secondary", true, 2, Map.of())
                    : new ProbeResult("secondary", false, 2, Map.of("api", "HTTP 500")));
    DrillReport report = finish(start(false, false));

    assertThat(report.outcome()).isEqualTo("BAKE_FAILED");
    assertThat(report.activeSite()).isEqualTo("primary");
    verify(router).switchTo(new SwitchRequest(PROJECT, "secondary", "primary"));
    assertThat(report.message())
        .startsWith("secondary failed a probe while serving: api: HTTP 500; traffic moved back")
        .contains("request errors: 0 of 1532");
  }

  @Test
  void aDrillDoesNotStartWhileAReleaseRuns() {
    when(operations.running(any())).thenReturn("release v2 (step approve)");
    DrillReport report = finish(start(false, false));

    assertThat(report.outcome()).isEqualTo("BUSY");
    assertThat(report.message()).startsWith("not now: release v2 (step approve)");
    verify(router, never()).switchTo(any());
  }
}
