package dev.baton.database;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sites' databases over JDBC, from the control queue. Each call opens its own connections
 * (nothing is pooled between activities: a switchover makes few calls, and a fresh connection is
 * the honest test of whether a database answers). Passwords are read here, never sent.
 */
public final class PostgresDatabaseActivities implements DatabaseActivities {
  private final DatabaseConnections connections;

  public PostgresDatabaseActivities(BatonConfig config) {
    this.connections = new DatabaseConnections(config);
  }

  @Override
  public ReplicationStatus replicationStatus(ReplicationRequest request) {
    FailureKind kind = FailureKind.REPLICATION_UNHEALTHY;
    try (Connection primary = connections.open(request.primarySite(), kind);
        Connection replica = connections.open(request.replicaSite(), kind)) {
      return ReplicationCheck.check(primary, request.primarySite(), replica, request.replicaSite());
    } catch (SQLException e) {
      throw DatabaseFailures.of(request.replicaSite(), "reading replication state", e, kind);
    }
  }

  @Override
  public DatabaseRoleResult role(DatabaseRequest request) {
    Connection c;
    try {
      c = connections.open(request.siteId(), FailureKind.DATABASE_UNAVAILABLE);
    } catch (ApplicationFailure e) {
      if (!FailureKind.DATABASE_UNAVAILABLE.type().equals(e.getType())) {
        throw e;
      }
      return new DatabaseRoleResult(
          false, false, false, null, "not reachable: " + e.getOriginalMessage());
    }
    try (c;
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pg_is_in_recovery(), current_setting('default_transaction_read_only'),"
                    + " CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
                    + " ELSE pg_current_wal_flush_lsn() END::text")) {
      rs.next();
      boolean inRecovery = rs.getBoolean(1);
      boolean fenced = "on".equals(rs.getString(2));
      String lsn = rs.getString(3);
      String detail =
          (inRecovery ? "replica" : "primary") + (fenced ? ", fenced" : "") + ", at " + lsn;
      return new DatabaseRoleResult(true, inRecovery, fenced, lsn, detail);
    } catch (SQLException e) {
      throw DatabaseFailures.of(
          request.siteId(), "reading its role", e, FailureKind.DATABASE_UNAVAILABLE);
    }
  }

  @Override
  public FenceResult fence(DatabaseRequest request) {
    try (Connection c = connections.open(request.siteId(), FailureKind.FENCE_FAILED)) {
      return Fence.fence(c, request.siteId());
    } catch (SQLException e) {
      throw DatabaseFailures.of(request.siteId(), "fencing it", e, FailureKind.FENCE_FAILED);
    }
  }

  @Override
  public void unfence(DatabaseRequest request) {
    try (Connection c = connections.open(request.siteId(), FailureKind.FENCE_FAILED)) {
      Fence.unfence(c, request.siteId());
    } catch (SQLException e) {
      throw DatabaseFailures.of(request.siteId(), "unfencing it", e, FailureKind.FENCE_FAILED);
    }
  }

  @Override
  public ReplayResult awaitReplay(ReplayRequest request) {
    ReplayWait.checkLsn(request.lsn(), request.replicaSite());
    var context = Activity.getExecutionContext();
    try (Connection c = connections.open(request.replicaSite(), FailureKind.REPLAY_FAILED)) {
      return ReplayWait.await(c, request.replicaSite(), request.lsn(), context::heartbeat);
    } catch (SQLException e) {
      throw DatabaseFailures.of(
          request.replicaSite(),
          "waiting for it to replay up to " + request.lsn(),
          e,
          FailureKind.REPLAY_FAILED);
    }
  }

  @Override
  public PromoteResult promote(DatabaseRequest request) {
    try (Connection c =
        connections.open(request.siteId(), Promotion.QUERY_TIMEOUT, FailureKind.PROMOTE_FAILED)) {
      return Promotion.promote(c, request.siteId());
    } catch (SQLException e) {
      throw DatabaseFailures.of(request.siteId(), "promoting it", e, FailureKind.PROMOTE_FAILED);
    }
  }
}
