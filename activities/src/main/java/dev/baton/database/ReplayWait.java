package dev.baton.database;

import dev.baton.FailureKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Waiting until a replica has replayed the WAL up to an LSN. */
final class ReplayWait {
  private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  /** Short: this wait is inside the switchover's write-unavailability window. */
  static final Duration POLL = Duration.ofMillis(5);

  /** How often {@code progress} hears about it (a heartbeat per poll would be noise). */
  static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

  private ReplayWait() {}

  static void checkLsn(String lsn, String siteId) {
    if (lsn == null || !LSN.matcher(lsn).matches()) {
      throw DatabaseFailures.permanent(
          "cannot wait for site "
              + siteId
              + "'s database to replay up to \""
              + lsn
              + "\": not an LSN (expected like 0/3000148, as fence returns it)",
          FailureKind.REPLAY_FAILED);
    }
  }

  /** Polls until replayed; {@code progress} gets a line for the heartbeat at each poll. */
  static ReplayResult await(Connection c, String siteId, String lsn, Consumer<String> progress)
      throws SQLException {
    checkLsn(lsn, siteId);
    long started = System.nanoTime();
    long lastProgress = started - PROGRESS_EVERY.toNanos();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
                + " pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn())::bigint,"
                + " (SELECT status FROM pg_stat_wal_receiver)")) {
      st.setString(1, lsn);
      while (true) {
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            throw DatabaseFailures.permanent(
                "site "
                    + siteId
                    + "'s database is not a replica (not in recovery), so it cannot replay up to "
                    + lsn
                    + ": it was promoted already, or the sites are mixed up",
                FailureKind.REPLAY_FAILED);
          }
          String replayed = rs.getString(2);
          long remaining = rs.getLong(3);
          if (replayed != null && remaining <= 0) {
            return new ReplayResult((System.nanoTime() - started) / 1_000_000, replayed);
          }
          if (System.nanoTime() - lastProgress >= PROGRESS_EVERY.toNanos()) {
            lastProgress = System.nanoTime();
            String receiver = rs.getString(4);
            progress.accept(
                remaining
                    + " bytes to replay up to "
                    + lsn
                    + " (replayed "
                    + replayed
                    + ", WAL receiver "
                    + (receiver == null ? "not running" : receiver)
                    + ")");
          }
        }
        Sql.sleep(POLL);
      }
    }
  }
}
