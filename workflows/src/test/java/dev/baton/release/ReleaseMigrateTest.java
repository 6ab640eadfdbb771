package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.replicatedPolicy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.DatabaseRoleResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import dev.baton.database.ReplicationStatus;
import dev.baton.migrate.MigrateRequest;
import dev.baton.migrate.MigrateResult;
import dev.baton.migrate.MigrateStep;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** {@code release.migrate}: a migration on the active site before the standby's deploy. */
class ReleaseMigrateTest extends ReleaseTestBase {
  private static final MigrateStep MIGRATE = new MigrateStep("migrate", Duration.ofMinutes(10));

  private static MigrateResult ended(MigrateRequest r, int exit, String output) {
    return new MigrateResult(
        r.service(),
        r.siteId(),
        exit == 0,
        exit,
        "exit " + exit,
        output,
        1200,
        "shop-primary-migrate-0123456789ab",
        false);
  }

  @Test
  void theMigrationRunsOnceOnTheActiveSiteBeforeTheStandbyIsDeployed() {
    when(rig.primaryMigrate.migrate(any()))
        .thenAnswer(call -> ended(call.getArgument(0), 0, "applied 002_order_note.sql"));

    rig.start(request(PolicyCopy.of(policy(List.of())).migrate(MIGRATE).build()));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    InOrder order = inOrder(rig.primaryMigrate, rig.secondary, rig.router);
    ArgumentCaptor<MigrateRequest> asked = ArgumentCaptor.forClass(MigrateRequest.class);
    order.verify(rig.primaryMigrate).migrate(asked.capture());
    order.verify(rig.secondary).deploy(any());
    order.verify(rig.router).switchTo(any());
    verify(rig.primaryMigrate, times(1)).migrate(any());
    // The active site's queue, never the standby's; the backfill does not migrate again.
    verifyNoInteractions(rig.secondaryMigrate);
    MigrateRequest request = asked.getValue();
    assertThat(request)
        .extracting(MigrateRequest::siteId, MigrateRequest::version, MigrateRequest::service)
        .containsExactly("primary", "v2", "migrate");
    // This run's key: the workflow id, which every release reuses, and the run id.
    assertThat(request.key())
        .startsWith(Names.releaseWorkflowId("shop") + "/")
        .hasSizeGreaterThan(Names.releaseWorkflowId("shop").length() + 30);
    ReleaseProgress progress = result.progress();
    assertThat(progress.step(Step.MIGRATE).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(progress.step(Step.MIGRATE).message())
        .isEqualTo("migrate on primary: passed, exit 0 in 1.2 s");
    assertThat(progress.migration().output()).isEqualTo("applied 002_order_note.sql");
  }

  @Test
  void inReplicatedModeTheStandbyIsDeployedOnlyOnceItsReplicaReplayedTheMigration() {
    when(rig.primaryMigrate.migrate(any())).thenAnswer(call -> ended(call.getArgument(0), 0, ""));
    DatabaseRequest primaryDb = new DatabaseRequest("shop", "primary");
    // The primary does not answer at first: the step waits for it (release.outageWait).
    when(rig.database.role(primaryDb))
        .thenReturn(new DatabaseRoleResult(false, false, false, null, "connection refused"))
        .thenReturn(new DatabaseRoleResult(true, false, false, "0/5000060", "primary"));
    when(rig.database.replicationStatus(any()))
        .thenReturn(new ReplicationStatus(true, 0, 12, "streaming, lag 0 B / 12 ms"));
    when(rig.database.awaitReplay(any())).thenReturn(new ReplayResult(7, "0/5000060"));
    // Stop after the deploy: the switchover is ReleaseDatabaseTest's.
    when(rig.probe.probe(any())).thenReturn(ReleaseTestRig.unhealthy("secondary"));

    rig.start(request(PolicyCopy.of(replicatedPolicy(List.of())).migrate(MIGRATE).build()));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo(FailureKind.VALIDATION_FAILED.type());
    InOrder order = inOrder(rig.primaryMigrate, rig.database, rig.secondary);
    order.verify(rig.primaryMigrate).migrate(any());
    order.verify(rig.database, times(2)).role(primaryDb);
    order.verify(rig.database).awaitReplay(new ReplayRequest("shop", "secondary", "0/5000060"));
    order.verify(rig.secondary).deploy(any());
    ReleaseProgress progress = failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.step(Step.MIGRATE).message())
        .isEqualTo(
            "migrate on primary: passed, exit 0 in 1.2 s; primary's database (the primary) at 0/5000060");
    assertThat(progress.step(Step.DEPLOY_STANDBY).message())
        .startsWith(
            "the migration reached secondary's database (replayed to 0/5000060 in 7 ms); 3"
                + " services healthy on secondary");
  }

  @Test
  @Fault(
      dependency = "migration",
      fault =
          "the migration exits non-zero (or outlives release.migrate.timeout) on the active site",
      outcome =
          "MIGRATION_FAILED before anything is deployed; traffic untouched; output in release"
              + " status")
  void aFailedMigrationFailsTheReleaseWithNothingDeployedOrSwitched() {
    when(rig.primaryMigrate.migrate(any()))
        .thenAnswer(call -> ended(call.getArgument(0), 3, "ERROR:  syntax error at or near"));

    rig.start(request(PolicyCopy.of(policy(List.of())).migrate(MIGRATE).build()));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo(FailureKind.MIGRATION_FAILED.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "migrate: migration migrate on primary: FAILED, exit 3 in 1.2 s; nothing was deployed"
                + " or switched (release status shows its output); traffic untouched on primary");
    // Asked once: a non-zero exit is the migration's answer, not a fault to retry.
    verify(rig.primaryMigrate, times(1)).migrate(any());
    verify(rig.primary, never()).deploy(any());
    verify(rig.secondary, never()).deploy(any());
    verify(rig.router, never()).switchTo(any());
    ReleaseProgress progress = failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.step(Step.MIGRATE).state()).isEqualTo(StepState.FAILED);
    assertThat(progress.step(Step.DEPLOY_STANDBY).state()).isEqualTo(StepState.PENDING);
    assertThat(progress.migration().output()).isEqualTo("ERROR:  syntax error at or near");
  }

  @Test
  void anEngineThatDoesNotAnswerIsWaitedOutAndTheRetryAsksForTheSameMigration() {
    when(rig.primaryMigrate.migrate(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "primary: the Docker engine does not answer",
                FailureKind.ENGINE_UNAVAILABLE.type()))
        .thenAnswer(call -> ended(call.getArgument(0), 0, ""));

    rig.start(request(PolicyCopy.of(policy(List.of())).migrate(MIGRATE).build()));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    ArgumentCaptor<MigrateRequest> asked = ArgumentCaptor.forClass(MigrateRequest.class);
    verify(rig.primaryMigrate, times(2)).migrate(asked.capture());
    // The same key both times: the activity finds the first attempt's container, if it started.
    assertThat(asked.getAllValues().get(1)).isEqualTo(asked.getAllValues().get(0));
  }

  @Test
  void withoutAMigrationTheStepIsSkippedAndNothingRuns() {
    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().step(Step.MIGRATE).state()).isEqualTo(StepState.SKIPPED);
    assertThat(result.progress().migration()).isNull();
    verifyNoInteractions(rig.primaryMigrate, rig.secondaryMigrate);
  }
}
