package dev.baton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two PostgreSQL clusters of the local environment ({@code scripts/env pg-up}) as the apps see
 * them: site primary's on 5532, site secondary's on 5533, user app with the generated password.
 */
final class SiteDatabases {
  static final String PRIMARY = "jdbc:postgresql://127.0.0.1:5532/app";
  static final String SECONDARY = "jdbc:postgresql://127.0.0.1:5533/app";

  private SiteDatabases() {}

  /** The password the environment generated: what must never reach a workflow history. */
  static String password() {
    try {
      return Files.readString(LocalSites.STATE.resolve("pg/password")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no password file (is scripts/env pg-up done?)", e);
    }
  }

  static Connection open(String url) throws SQLException {
    return DriverManager.getConnection(url, "app", password());
  }

  /** Takes writes: not in recovery and not fenced (baton's fence sets read-only). */
  static boolean isPrimary(String url) throws SQLException {
    try (Connection c = open(url);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT NOT pg_is_in_recovery() AND"
                    + " current_setting('default_transaction_read_only') = 'off'")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
