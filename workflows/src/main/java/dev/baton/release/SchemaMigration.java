package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.DatabaseRoleResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import dev.baton.migrate.MigrateRequest;
import dev.baton.migrate.MigrateResult;
import dev.baton.migrate.MigrateStep;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The release's migrate step: {@code release.migrate} runs once on the active site, against its
 * primary database, before anything is deployed, so the standby's replica receives the schema
 * change by replication and the new version starts on a schema that is already there. The old
 * version keeps serving on the new schema (expand/contract, docs/database.md). A failed migration
 * fails the release with nothing deployed or switched.
 *
 * <p>Run once: the activity names the migration's container after this run's workflow and run ids,
 * so a retried or re-dispatched attempt finds the container and reads its result instead of
 * starting another ({@code MigrateActivities}); only an engine that does not answer is retried
 * (within {@code release.outageWait}), a non-zero exit is final.
 */
final class SchemaMigration {
  /** Version 1: the release runs {@code release.migrate}. Releases recorded before it had none. */
  static final String CHANGE_ID = "migrations";

  private static final Set<String> ENGINE_DOWN = Set.of(FailureKind.ENGINE_UNAVAILABLE.type());
  private static final Set<String> DATABASE_DOWN = Set.of(FailureKind.DATABASE_UNAVAILABLE.type());

  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;

  /** The primary's WAL position after the migration, which the replica must reach; or null. */
  private String lsn;

  SchemaMigration(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
  }

  void run(String active) {
    MigrateStep step = request.policy().migrate();
    // Asked only when there is a migration: a release without one records nothing new.
    if (step == null
        || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      tracker.set(Step.MIGRATE, StepState.SKIPPED, "no migration configured");
      return;
    }
    String doing =
        "running " + step.service() + " of " + request.version() + " on " + active + " (active)";
    tracker.start(Step.MIGRATE, doing);
    // The key is this run's, not the workflow id alone: every release of the project reuses that.
    String key = Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId();
    MigrateRequest migrate =
        new MigrateRequest(
            request.project(), active, request.version(), step.service(), step.timeout(), key);
    MigrateResult result =
        new OutageWait(request.policy().outageWait())
            .ride(
                FailureKind.MIGRATION_FAILED,
                ENGINE_DOWN,
                () -> activities.migrate(active, step.timeout()).migrate(migrate),
                waiting -> tracker.set(Step.MIGRATE, StepState.RUNNING, doing + "; " + waiting));
    tracker.migration(result);
    if (!result.passed()) {
      throw FailureKind.MIGRATION_FAILED.failure(
          "migration "
              + result.describe()
              + "; nothing was deployed or switched (release status shows its output)");
    }
    String text = result.describe();
    if (request.policy().replicatedDatabase()) {
      String after = text;
      lsn =
          new OutageWait(request.policy().outageWait())
              .ride(
                  FailureKind.MIGRATION_FAILED,
                  DATABASE_DOWN,
                  () -> primaryLsn(active),
                  waiting -> tracker.set(Step.MIGRATE, StepState.RUNNING, after + "; " + waiting));
      text += "; " + active + "'s database (the primary) at " + lsn;
    }
    tracker.set(Step.MIGRATE, StepState.SUCCEEDED, text);
  }

  /** Where the primary's WAL is now, after the migration: what the replica must replay. */
  private String primaryLsn(String active) {
    DatabaseRoleResult primary =
        activities.database.role(new DatabaseRequest(request.project(), active));
    if (!primary.reachable() || primary.lsn() == null) {
      // Retryable: the workflow waits for it within release.outageWait.
      throw ApplicationFailure.newFailure(
          active + "'s database does not answer: " + primary.detail(),
          FailureKind.DATABASE_UNAVAILABLE.type());
    }
    return primary.lsn();
  }

  /**
   * Waits until {@code standby}'s replica has replayed the migration, so the new version never
   * starts on the old schema; "" when there is nothing to wait for.
   */
  String awaitOnReplica(String standby, Consumer<String> doing) {
    if (lsn == null) {
      return "";
    }
    doing.accept("waiting for the migration to reach " + standby + "'s database (" + lsn + ")");
    ReplayResult replay =
        activities.replay.awaitReplay(new ReplayRequest(request.project(), standby, lsn));
    return "the migration reached "
        + standby
        + "'s database (replayed to "
        + replay.replayLsn()
        + " in "
        + replay.waitedMillis()
        + " ms); ";
  }
}
