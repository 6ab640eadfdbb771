package dev.baton.switchover;

import dev.baton.FailureKind;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.FenceResult;
import dev.baton.database.PromoteResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import dev.baton.database.ReplicationRequest;
import dev.baton.database.ReplicationStatus;
import dev.baton.database.ReseedRequest;
import dev.baton.database.ReseedResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The lossless planned switchover of database mode {@code replicated}: fence the old primary (no
 * write gets in any more), wait until the replica has replayed everything it wrote, promote the
 * replica. Until the promotion a failure unfences the old primary and nothing is lost; the
 * promotion is the point of no return, after which traffic can only go forward.
 */
public final class DatabaseSwitchover implements DatabaseMove {
  private static final Logger log = Workflow.getLogger(DatabaseSwitchover.class);

  private final SwitchoverInput input;
  private final SwitchoverActivities activities;
  private boolean promoted;
  private String detail = "";

  public DatabaseSwitchover(SwitchoverInput input, SwitchoverActivities activities) {
    this.input = input;
    this.activities = activities;
  }

  /**
   * The gate before the switch: {@code standby} streams, within the lag; else
   * REPLICATION_UNHEALTHY. A drill reports what it finds; a release waits out a replica that
   * restarts (its {@code OutageWait}).
   */
  public String checkReplication(String active, String standby) {
    ReplicationStatus status =
        activities
            .database()
            .replicationStatus(new ReplicationRequest(input.project(), active, standby));
    boolean lagOk =
        status.lagBytes() <= input.maxLagBytes() && status.lagMillis() <= input.maxLag().toMillis();
    if (!status.streaming() || !lagOk) {
      throw FailureKind.REPLICATION_UNHEALTHY.failure(
          standby + "'s database is not ready to take over: " + status.detail());
    }
    return "replication " + status.detail();
  }

  /** The backfill's first part: {@code site}'s database becomes a replica of the new primary. */
  public String reseed(String site, String primary) {
    ReseedResult reseed =
        activities.siteDatabase(site).reseed(new ReseedRequest(input.project(), site, primary));
    return "re-seeded "
        + site
        + "'s database from "
        + primary
        + " in "
        + String.format("%.1fs", reseed.commandMillis() / 1000.0)
        + " ("
        + reseed.detail()
        + ")";
  }

  /** {@link #run} in its own workflow thread, beside the queue workers' handover. */
  @Override
  public Promise<String> start(String from, String to) {
    return Async.function(this::run, from, to);
  }

  /** Moves the primary role from {@code from}'s database to {@code to}'s; returns what it did. */
  public String run(String from, String to) {
    DatabaseRequest old = new DatabaseRequest(input.project(), from);
    try {
      FenceResult fence = activities.database().fence(old);
      ReplayResult replay =
          activities.replay().awaitReplay(new ReplayRequest(input.project(), to, fence.lsn()));
      PromoteResult promote =
          activities.database().promote(new DatabaseRequest(input.project(), to));
      promoted = true;
      detail =
          "database: "
              + from
              + " fenced at "
              + fence.lsn()
              + ", "
              + to
              + " replayed it in "
              + replay.waitedMillis()
              + " ms and was promoted in "
              + promote.promoteMillis()
              + " ms";
      return detail;
    } catch (ActivityFailure e) {
      // Not promoted: the old primary is still the only one, so it may take writes again.
      Workflow.newDetachedCancellationScope(() -> unfence(old)).run();
      throw e;
    }
  }

  @Override
  public String switchDetail() {
    return promoted ? "; " + detail : "";
  }

  @Override
  public boolean promoted() {
    return promoted;
  }

  private void unfence(DatabaseRequest old) {
    try {
      activities.database().unfence(old);
    } catch (ActivityFailure e) {
      log.error("could not unfence {}'s database: {}", old.siteId(), e.getMessage());
    }
  }
}
