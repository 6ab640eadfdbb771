package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.replicatedPolicy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseTestRig.unhealthy;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.database.DatabaseRequest;
import dev.baton.database.FenceResult;
import dev.baton.database.PromoteResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import dev.baton.database.ReplicationStatus;
import dev.baton.database.ReseedRequest;
import dev.baton.database.ReseedResult;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Database mode replicated: gates, the lossless switchover inside the switch, the re-seed. */
class ReleaseDatabaseTest extends ReleaseTestBase {
  private static final DatabaseRequest OLD = new DatabaseRequest("shop", "primary");
  private static final DatabaseRequest NEW = new DatabaseRequest("shop", "secondary");
  private static final SwitchRequest FORWARD = new SwitchRequest("shop", "primary", "secondary");

  @BeforeEach
  void healthyReplication() {
    when(rig.database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 0, 12, "streaming, lag 0 B / 12 ms"));
    when(rig.database.fence(OLD)).thenReturn(new FenceResult("0/3000148", 2, false));
    when(rig.database.awaitReplay(any())).thenReturn(new ReplayResult(8, "0/3000148"));
    when(rig.database.promote(NEW)).thenReturn(new PromoteResult(true, 90, "promoted"));
    when(rig.primaryDatabase.reseed(any()))
        .thenReturn(new ReseedResult(2500, 100, "primary streams from secondary"));
  }

  @Test
  void theSwitchFencesWaitsForReplayPromotesThenMovesTrafficAndTheBackfillReseeds() {
    rig.start(request(replicatedPolicy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    InOrder order =
        inOrder(rig.database, rig.router, rig.secondary, rig.primaryDatabase, rig.primary);
    order.verify(rig.database).fence(OLD);
    order.verify(rig.database).awaitReplay(new ReplayRequest("shop", "secondary", "0/3000148"));
    order.verify(rig.database).promote(NEW);
    order.verify(rig.router).switchTo(FORWARD);
    order.verify(rig.primaryDatabase).reseed(new ReseedRequest("shop", "primary", "secondary"));
    order.verify(rig.primary).deploy(any());
    // Queue workers start on the new site only once its database is the primary.
    InOrder workers = inOrder(rig.database, rig.secondary);
    workers.verify(rig.database).promote(NEW);
    workers
        .verify(rig.secondary)
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "secondary", true));
    assertThat(result.progress().step(Step.SWITCH).message())
        .isEqualTo(
            "traffic on secondary (switched in 42 ms); database: primary fenced at 0/3000148,"
                + " secondary replayed it in 8 ms and was promoted in 90 ms");
    assertThat(result.progress().step(Step.BACKFILL).message())
        .startsWith(
            "re-seeded primary's database from secondary in 2.5s (primary streams from secondary); ");
    assertThat(result.progress().rollback())
        .isEqualTo("not instant: the database is primary on secondary now");
  }

  @Test
  void withAReplicatedDatabaseAShiftIsOneStep() {
    // The database is primary on one site only: both sites cannot take a share of the writes.
    rig.start(
        request(
            PolicyCopy.of(replicatedPolicy(List.of()))
                .shift(List.of(10, 50, 100), java.time.Duration.ofSeconds(5))
                .build()));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    verify(rig.router, never()).shift(any());
    InOrder order = inOrder(rig.database, rig.router);
    order.verify(rig.database).promote(NEW);
    order.verify(rig.router).switchTo(FORWARD);
  }

  @Test
  void aLaggingReplicaStopsTheReleaseBeforeTheDeploy() {
    when(rig.database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 64L << 20, 12, "streaming, lag 64 MB"));
    rig.start(request(replicatedPolicy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());
    assertThat(failure.getType()).isEqualTo("REPLICATION_UNHEALTHY");
    assertThat(failure.getOriginalMessage()).contains("secondary's database is not ready");
    verify(rig.secondary, never()).deploy(any());
    verify(rig.database, never()).fence(any());
  }

  @Test
  @Fault(
      dependency = "database",
      fault = "promotion fails",
      outcome = "old primary unfenced; traffic stays; no write lost")
  void aFailedPromotionUnfencesTheOldPrimaryAndLeavesTrafficThere() {
    when(rig.database.promote(NEW))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure("pg_promote failed", "PROMOTE_FAILED"));
    rig.start(request(replicatedPolicy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("SWITCH_FAILED");
    verify(rig.database).unfence(OLD);
    verify(rig.router, never()).switchTo(FORWARD);
    verify(rig.primary).setActiveOnlyServices(new ActiveOnlyRequest("shop", "primary", true));
    assertThat(failure.getOriginalMessage()).contains("traffic moved back to primary");
  }

  @Test
  void afterThePromotionABakeFailureLeavesTrafficOnTheNewPrimary() {
    when(rig.probe.probe(new dev.baton.probe.ProbeRequest("shop", "secondary")))
        .thenReturn(ReleaseTestRig.healthy())
        .thenReturn(unhealthy("secondary"));
    rig.start(request(replicatedPolicy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("BAKE_FAILED");
    assertThat(failure.getOriginalMessage()).endsWith("traffic stays on secondary");
    verify(rig.router, never()).switchTo(new SwitchRequest("shop", "secondary", "primary"));
    verify(rig.database, never()).unfence(any());
  }

  @Test
  void aRouterFailureAfterThePromotionSaysLoudlyWhatToDo() {
    when(rig.router.switchTo(FORWARD))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("nginx is not running", "X"));
    rig.start(request(replicatedPolicy(List.of())));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getOriginalMessage())
        .contains("the database is ALREADY PRIMARY on secondary: point the router at secondary");
    verify(rig.database, never()).unfence(any());
    verify(rig.router, never()).switchTo(new SwitchRequest("shop", "secondary", "primary"));
  }
}
