package dev.baton.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a replica streams from a given primary, and how far behind it is. "From that primary" is
 * checked, not assumed: both must be copies of the same cluster (system identifier) and the replica
 * must receive the primary's current timeline (after a promotion the new primary is on a new
 * timeline; a replica still attached to the old one is not following it).
 */
final class ReplicationCheck {

  private ReplicationCheck() {}

  static ReplicationStatus check(
      Connection primary, String primarySite, Connection replica, String replicaSite)
      throws SQLException {
    String primaryLsn;
    String primarySystem;
    long primaryTimeline;
    try (Statement st = primary.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pg_is_in_recovery(), pg_current_wal_lsn()::text,"
                    + " (SELECT system_identifier FROM pg_control_system())::text,"
                    + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int"
                    + " FROM (SELECT 1) one WHERE NOT pg_is_in_recovery()")) {
      if (!rs.next()) {
        return new ReplicationStatus(
            false, 0, 0, primarySite + "'s database is not a primary (it is in recovery)");
      }
      primaryLsn = rs.getString(2);
      primarySystem = rs.getString(3);
      primaryTimeline = rs.getLong(4);
    }
    try (Statement st = replica.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pg_is_in_recovery(),"
                    + " pg_wal_lsn_diff('"
                    + primaryLsn
                    + "'::pg_lsn, pg_last_wal_replay_lsn()),"
                    + " COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
                    + " * 1000, 0),"
                    + " r.status, r.received_tli,"
                    + " (SELECT system_identifier FROM pg_control_system())::text"
                    + " FROM (SELECT 1) one LEFT JOIN pg_stat_wal_receiver r ON true")) {
      rs.next();
      boolean inRecovery = rs.getBoolean(1);
      long lagBytes = Math.max(0, rs.getLong(2));
      // The time since the last replayed commit says nothing on its own: on a primary that takes
      // no writes it grows forever (bench/monitor-soak saw "lag 0 B / 156855 ms" flag a healthy
      // standby as degraded). A replica that replayed all the primary wrote is not behind.
      long lagMillis = lagBytes == 0 ? 0 : (long) rs.getDouble(3);
      String receiver = rs.getString(4);
      long timeline = rs.getLong(5);
      String system = rs.getString(6);
      if (!inRecovery) {
        return new ReplicationStatus(
            false, lagBytes, lagMillis, replicaSite + "'s database is not a replica");
      }
      if (!primarySystem.equals(system)) {
        return new ReplicationStatus(
            false,
            lagBytes,
            lagMillis,
            replicaSite + "'s database is not a copy of " + primarySite + "'s (re-seed it)");
      }
      String lag = ", lag " + lagBytes + " B / " + lagMillis + " ms";
      if (!"streaming".equals(receiver)) {
        String state = receiver == null ? "no WAL receiver" : "WAL receiver " + receiver;
        return new ReplicationStatus(
            false, lagBytes, lagMillis, "NOT streaming (" + state + ")" + lag);
      }
      if (timeline != primaryTimeline) {
        return new ReplicationStatus(
            false,
            lagBytes,
            lagMillis,
            "NOT streaming from "
                + primarySite
                + ": receives timeline "
                + timeline
                + ", the primary writes timeline "
                + primaryTimeline
                + " (re-seed it)"
                + lag);
      }
      return new ReplicationStatus(true, lagBytes, lagMillis, "streaming" + lag);
    }
  }
}
