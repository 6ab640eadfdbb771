package dev.baton.failover;

import dev.baton.database.DatabaseRequest;
import dev.baton.database.FenceResult;
import dev.baton.database.PromoteResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import dev.baton.database.ReplicationStatus;
import dev.baton.report.Reasons;
import dev.baton.report.Texts;
import io.temporal.failure.ActivityFailure;
import java.time.Duration;

/**
 * Promotes the surviving site's database and says how much data the failover may have lost (the
 * RPO). When the failed primary could still be fenced, the replica first replays up to the fence
 * and nothing is lost. Otherwise PostgreSQL's promotion replays whatever WAL the replica had
 * received, and what the failed primary wrote but never streamed is lost: its size is estimated
 * from the lag last seen before the outage.
 */
final class DatabaseTakeover {
  private final FailoverRequest request;
  private final FailoverActivities activities;
  private String rpo = "not applicable: database mode external (baton does not move the database)";

  DatabaseTakeover(FailoverRequest request, FailoverActivities activities) {
    this.request = request;
    this.activities = activities;
  }

  /** Returns the phase's detail; fails (PROMOTE_FAILED, ...) only if the promotion fails. */
  String run(String failed, String surviving, FenceResult fence, long startedAtMillis) {
    String replayed = "";
    if (fence != null) {
      try {
        ReplayResult replay =
            activities.replay.awaitReplay(
                new ReplayRequest(request.project(), surviving, fence.lsn()));
        rpo =
            "0: "
                + failed
                + "'s database was fenced at "
                + fence.lsn()
                + " and "
                + surviving
                + " replayed it";
        replayed = "replayed up to the fence in " + replay.waitedMillis() + " ms, ";
      } catch (ActivityFailure e) {
        rpo =
            "unknown: "
                + surviving
                + " did not replay up to "
                + failed
                + "'s fence at "
                + fence.lsn()
                + " ("
                + Reasons.of(e)
                + ")";
      }
    } else {
      rpo = estimate(failed, startedAtMillis);
    }
    PromoteResult promote =
        activities.database.promote(new DatabaseRequest(request.project(), surviving));
    return surviving
        + "'s database "
        + replayed
        + (promote.promoted()
            ? "promoted in " + promote.promoteMillis() + " ms"
            : "was already the primary");
  }

  String rpo() {
    return rpo;
  }

  private String estimate(String failed, long startedAtMillis) {
    ReplicationStatus last = request.lastReplication();
    if (last == null) {
      return "unknown: "
          + failed
          + "'s database could not be fenced and no replication lag was measured before the"
          + " outage (baton monitor measures it)";
    }
    long ago = Math.max(0, startedAtMillis - request.lastReplicationAtMillis());
    return "estimate "
        + Texts.bytes(last.lagBytes())
        + " ("
        + last.lagMillis()
        + " ms of writes): the replication lag last seen "
        + Texts.duration(Duration.ofMillis(ago / 1000 * 1000))
        + " before the failover; writes "
        + failed
        + " did not stream after that are lost";
  }
}
