package dev.baton.database;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.SiteDatabaseConfig;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads replication health over JDBC; passwords are read here, on the worker, never sent. */
public final class PostgresDatabaseActivities implements DatabaseActivities {
  private final BatonConfig config;

  public PostgresDatabaseActivities(BatonConfig config) {
    this.config = config;
  }

  @Override
  public ReplicationStatus replicationStatus(ReplicationRequest request) {
    try (Connection primary = open(request.primarySite());
        Connection replica = open(request.replicaSite())) {
      String primaryLsn = single(primary, "SELECT pg_current_wal_lsn()::text");
      try (Statement st = replica.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT pg_is_in_recovery(),"
                      + " pg_wal_lsn_diff('"
                      + primaryLsn
                      + "'::pg_lsn, pg_last_wal_replay_lsn()),"
                      + " COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0),"
                      + " (SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming')")) {
        rs.next();
        boolean inRecovery = rs.getBoolean(1);
        long lagBytes = Math.max(0, rs.getLong(2));
        long lagMillis = (long) rs.getDouble(3);
        boolean streaming = inRecovery && rs.getLong(4) > 0;
        String detail =
            !inRecovery
                ? request.replicaSite() + "'s database is not a replica"
                : (streaming ? "streaming" : "NOT streaming")
                    + ", lag "
                    + lagBytes
                    + " B / "
                    + lagMillis
                    + " ms";
        return new ReplicationStatus(streaming, lagBytes, lagMillis, detail);
      }
    } catch (SQLException e) {
      throw ApplicationFailure.newFailureWithCause(
          "database: " + e.getMessage(), FailureKind.REPLICATION_UNHEALTHY.type(), e);
    }
  }

  private Connection open(String siteId) throws SQLException {
    SiteDatabaseConfig db = config.site(siteId).database();
    if (db == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "site " + siteId + " has no database in baton.yml", FailureKind.BAD_CONFIG.type());
    }
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
