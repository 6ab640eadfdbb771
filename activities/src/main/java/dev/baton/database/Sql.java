package dev.baton.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;

/** Small JDBC helpers: one value from one query, a statement without result, a poll. */
final class Sql {

  private Sql() {}

  static String text(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static boolean bool(Connection c, String sql, Object... params) throws SQLException {
    String value = text(c, sql, params);
    return "t".equals(value) || "true".equals(value);
  }

  /** Runs a statement outside a transaction block (ALTER SYSTEM cannot run inside one). */
  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /**
   * Runs {@code sql} every {@code every} until its value satisfies {@code done} or {@code within}
   * has passed; returns the last value.
   */
  static String pollUntil(
      Connection c, String sql, Predicate<String> done, Duration within, Duration every)
      throws SQLException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      String value = text(c, sql);
      if (done.test(value) || System.nanoTime() > deadline) {
        return value;
      }
      sleep(every);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
