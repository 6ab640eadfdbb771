package dev.baton.database;

import dev.baton.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Promoting a replica so that it accepts writes the moment it is a primary. */
final class Promotion {
  private static final Logger log = LoggerFactory.getLogger(Promotion.class);
  static final int PROMOTE_WAIT_SECONDS = 60;
  static final Duration QUERY_TIMEOUT = DatabaseConnections.QUERY_TIMEOUT;

  /**
   * pg_promote(wait =&gt; true) checks for the end of recovery only every 100 ms; this is inside
   * the write-unavailability window, so baton signals and polls itself.
   */
  private static final Duration POLL = Duration.ofMillis(5);

  private Promotion() {}

  static PromoteResult promote(Connection c, String siteId) throws SQLException {
    if (!Sql.bool(c, "SELECT pg_is_in_recovery()")) {
      return alreadyPrimary(c, siteId);
    }
    long started = System.nanoTime();
    // A replica seeded from a fenced primary carries its ALTER SYSTEM setting in
    // postgresql.auto.conf. Reset it while still a replica (ALTER SYSTEM works in recovery), so
    // there is no moment at which this database is the primary and refuses writes, and so a
    // retried promote never has to unfence a primary (which could be the fenced former one).
    if ("on".equals(Sql.text(c, "SHOW default_transaction_read_only"))) {
      Fence.setReadOnly(c, siteId, false);
    }
    try {
      Sql.execute(c, "SELECT pg_promote(false)");
    } catch (SQLException e) {
      // "recovery is not in progress": promoted meanwhile (a concurrent or earlier attempt).
      if ("55000".equals(e.getSQLState()) && !Sql.bool(c, "SELECT pg_is_in_recovery()")) {
        return alreadyPrimary(c, siteId);
      }
      throw e;
    }
    // Each poll is a new transaction: read-write once recovery has ended.
    String writable =
        Sql.pollUntil(
            c,
            "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'",
            "t"::equals,
            Duration.ofSeconds(PROMOTE_WAIT_SECONDS),
            POLL);
    if (!"t".equals(writable)) {
      throw ApplicationFailure.newFailure(
          "site "
              + siteId
              + "'s database did not finish promoting within "
              + PROMOTE_WAIT_SECONDS
              + " s (baton retries; see the database's log)",
          FailureKind.PROMOTE_FAILED.type());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("promoted site {}'s database in {} ms", siteId, millis);
    return new PromoteResult(true, millis, "promoted in " + millis + " ms; accepts writes");
  }

  private static PromoteResult alreadyPrimary(Connection c, String siteId) throws SQLException {
    if ("on".equals(Sql.text(c, "SHOW default_transaction_read_only"))) {
      throw DatabaseFailures.permanent(
          "site "
              + siteId
              + "'s database already is a primary, and it is fenced (read-only): it is most likely"
              + " the fenced former primary, not the replica to promote (unfence it only if it"
              + " really should take writes again)",
          FailureKind.PROMOTE_FAILED);
    }
    return new PromoteResult(false, 0, "already a primary; accepts writes");
  }
}
