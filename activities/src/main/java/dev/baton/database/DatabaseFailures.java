package dev.baton.database;

import dev.baton.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;

/**
 * Turns JDBC errors into ApplicationFailures that say which site, what baton was doing and what to
 * try. A database that does not answer is retryable ({@code DATABASE_UNAVAILABLE}); everything else
 * is non-retryable with the caller's kind, because asking again gives the same answer.
 */
final class DatabaseFailures {

  private DatabaseFailures() {}

  static ApplicationFailure of(String siteId, String doing, SQLException e, FailureKind kind) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String what = "site " + siteId + "'s database, while " + doing + ": " + e.getMessage();
    if (isTransient(state)) {
      return ApplicationFailure.newFailureWithCause(
          what + " (baton retries; check that the database runs and the worker can reach it)",
          FailureKind.DATABASE_UNAVAILABLE.type(),
          e);
    }
    if (state.startsWith("28")) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          what + " (check user and passwordEnv/passwordFile of this site in baton.yml)",
          FailureKind.BAD_CONFIG.type(),
          e);
    }
    if (state.equals("42501")) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          what + " (baton's database user lacks a grant: see docs/database.md)", kind.type(), e);
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(what, kind.type(), e);
  }

  static ApplicationFailure permanent(String message, FailureKind kind) {
    return ApplicationFailure.newNonRetryableFailure(message, kind.type());
  }

  /**
   * Connection errors (class 08, which pgjdbc also uses for refused connections and socket
   * timeouts), shutdowns and "starting up" (57P01-57P03), too many connections (53).
   */
  static boolean isTransient(String sqlState) {
    return sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53");
  }
}
