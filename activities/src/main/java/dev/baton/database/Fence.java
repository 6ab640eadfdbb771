package dev.baton.database;

import dev.baton.FailureKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing a primary with {@code default_transaction_read_only}.
 *
 * <p>Why every other client session is ended, not only those holding a transaction id: the reloaded
 * setting only applies to transactions that start afterwards, so a session inside a transaction
 * that has not written yet could still write; and ending a session is harmless during a switchover
 * (the application reconnects, to the new primary once traffic moves). The end of each session is
 * awaited (it left pg_stat_activity) before the LSN is read, so a commit that was in flight is
 * either flushed before the returned LSN or never acknowledged.
 */
final class Fence {
  private static final Logger log = LoggerFactory.getLogger(Fence.class);
  static final Duration SETTING_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(5);
  private static final Duration TERMINATE_WAIT = Duration.ofSeconds(5);
  private static final Duration TERMINATE_POLL = Duration.ofMillis(2);
  private static final String SHOW = "SHOW default_transaction_read_only";

  private Fence() {}

  static FenceResult fence(Connection c, String siteId) throws SQLException {
    if (Sql.bool(c, "SELECT pg_is_in_recovery()")) {
      throw DatabaseFailures.permanent(
          "site "
              + siteId
              + "'s database is a replica (in recovery): only a primary can be fenced; check"
              + " which site's database is the primary",
          FailureKind.FENCE_FAILED);
    }
    boolean already = "on".equals(Sql.text(c, SHOW));
    long started = System.nanoTime();
    setReadOnly(c, siteId, true);
    long readOnly = System.nanoTime();
    int terminated = endOtherSessions(c, siteId);
    String lsn = Sql.text(c, "SELECT pg_current_wal_flush_lsn()::text");
    log.info(
        "fenced site {}'s database at {}: read-only after {} ms, {} sessions ended in {} ms{}",
        siteId,
        lsn,
        (readOnly - started) / 1_000_000,
        terminated,
        (System.nanoTime() - readOnly) / 1_000_000,
        already ? " (was already fenced)" : "");
    return new FenceResult(lsn, terminated, already);
  }

  static void unfence(Connection c, String siteId) throws SQLException {
    setReadOnly(c, siteId, false);
    log.info("unfenced site {}'s database", siteId);
  }

  /**
   * ALTER SYSTEM (outside a transaction: the connection is in autocommit) and reload, then waits
   * until this session sees the new value: the postmaster re-reads the file before it signals its
   * children, so from then on every new session starts with the new value.
   */
  static void setReadOnly(Connection c, String siteId, boolean on) throws SQLException {
    Sql.execute(
        c,
        on
            ? "ALTER SYSTEM SET default_transaction_read_only = on"
            : "ALTER SYSTEM RESET default_transaction_read_only");
    Sql.execute(c, "SELECT pg_reload_conf()");
    String want = on ? "on" : "off";
    String seen = Sql.pollUntil(c, SHOW, want::equals, SETTING_TIMEOUT, POLL);
    if (!want.equals(seen)) {
      throw DatabaseFailures.permanent(
          "site "
              + siteId
              + "'s database still has default_transaction_read_only = "
              + seen
              + " "
              + SETTING_TIMEOUT.toSeconds()
              + " s after baton "
              + (on ? "set" : "reset")
              + " it with ALTER SYSTEM: postgresql.conf, ALTER DATABASE or ALTER ROLE overrides"
              + " it (remove that setting)",
          FailureKind.FENCE_FAILED);
    }
  }

  /**
   * Signals every other client session to end, then waits until all of them are gone. Not {@code
   * pg_terminate_backend(pid, timeout)} per session: its wait checks every 100 ms, so it costs 100
   * ms for a session that ends in 2 (and N times that, one after the other). A session is gone when
   * it left {@code pg_stat_activity}, which a backend does only as it exits, after its transaction
   * ended: a commit it was making is flushed by then, so the LSN read afterwards covers it.
   */
  private static int endOtherSessions(Connection c, String siteId) throws SQLException {
    List<Session> signaled = new ArrayList<>();
    List<Session> refused = new ArrayList<>();
    try (PreparedStatement list =
            c.prepareStatement(
                "SELECT pid, usename, xact_start IS NOT NULL FROM pg_stat_activity"
                    + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
        PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(?)");
        ResultSet rs = list.executeQuery()) {
      while (rs.next()) {
        Session session = new Session(rs.getInt(1), rs.getString(2), rs.getBoolean(3));
        boolean sent;
        try {
          end.setInt(1, session.pid());
          sent = single(end);
        } catch (SQLException e) {
          if (!"42501".equals(e.getSQLState())) {
            throw e;
          }
          sent = false; // not allowed to end it (a superuser's session, without pg_signal_backend)
        }
        (sent ? signaled : refused).add(session);
      }
    }
    Set<Integer> alive = awaitGone(c, signaled);
    List<Session> notEnded = new ArrayList<>(refused);
    signaled.stream().filter(x -> alive.contains(x.pid())).forEach(notEnded::add);
    List<String> stuck = new ArrayList<>();
    for (Session session : notEnded) {
      if (!stillThere(c, session.pid())) {
        continue; // ended by itself meanwhile
      }
      if (session.inTransaction()) {
        stuck.add(session.pid() + " (user " + session.user() + ")");
      } else {
        log.warn(
            "site {}: could not end idle session {} of user {}; its next transaction is"
                + " read-only unless it overrides default_transaction_read_only",
            siteId,
            session.pid(),
            session.user());
      }
    }
    if (!stuck.isEmpty()) {
      throw DatabaseFailures.permanent(
          "site "
              + siteId
              + "'s database is read-only for new transactions, but sessions inside a transaction"
              + " could not be ended: "
              + String.join(", ", stuck)
              + " (grant pg_signal_backend to baton's user, or end them; then retry, or unfence)",
          FailureKind.FENCE_FAILED);
    }
    return signaled.size() - alive.size();
  }

  private record Session(int pid, String user, boolean inTransaction) {}

  /** The pids of {@code sessions} still in pg_stat_activity once they left it or the wait ended. */
  private static Set<Integer> awaitGone(Connection c, List<Session> sessions) throws SQLException {
    Set<Integer> alive = new HashSet<>();
    sessions.forEach(x -> alive.add(x.pid()));
    long deadline = System.nanoTime() + TERMINATE_WAIT.toNanos();
    try (PreparedStatement present =
        c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE pid = ANY(?)")) {
      while (!alive.isEmpty()) {
        present.setArray(1, c.createArrayOf("int4", alive.toArray()));
        Set<Integer> seen = new HashSet<>();
        try (ResultSet rs = present.executeQuery()) {
          while (rs.next()) {
            seen.add(rs.getInt(1));
          }
        }
        alive.retainAll(seen);
        if (alive.isEmpty() || System.nanoTime() > deadline) {
          break;
        }
        Sql.sleep(TERMINATE_POLL);
      }
    }
    return alive;
  }

  private static boolean stillThere(Connection c, int pid) throws SQLException {
    try (PreparedStatement alive =
        c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
      alive.setInt(1, pid);
      return "1".equals(singleText(alive));
    }
  }

  private static boolean single(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static String singleText(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
