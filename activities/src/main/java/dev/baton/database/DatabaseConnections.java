package dev.baton.database;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.SiteDatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens a JDBC connection to a site's database with explicit timeouts. The password is read here,
 * on the worker, at each call (a rotated secret needs no restart) and never leaves this class.
 */
final class DatabaseConnections {
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final int CONNECT_TIMEOUT_SECONDS = 5;

  private final BatonConfig config;

  DatabaseConnections(BatonConfig config) {
    this.config = config;
  }

  SiteDatabaseConfig database(String siteId) {
    SiteDatabaseConfig db;
    try {
      db = config.site(siteId).database();
    } catch (IllegalArgumentException e) {
      throw DatabaseFailures.permanent(e.getMessage(), FailureKind.BAD_CONFIG);
    }
    if (db == null) {
      throw DatabaseFailures.permanent(
          "site " + siteId + " has no database in baton.yml (add sites[].database)",
          FailureKind.BAD_CONFIG);
    }
    return db;
  }

  /** An autocommit connection; {@code queryTimeout} bounds every read from the server. */
  Connection open(String siteId, Duration queryTimeout, FailureKind kind) {
    SiteDatabaseConfig db = database(siteId);
    Properties props = new Properties();
    props.setProperty("user", db.user());
    try {
      props.setProperty("password", db.password());
    } catch (ConfigException e) {
      throw DatabaseFailures.permanent(e.getMessage(), FailureKind.BAD_CONFIG);
    }
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("loginTimeout", Integer.toString(2 * CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Long.toString(queryTimeout.toSeconds()));
    props.setProperty("ApplicationName", "baton");
    try {
      Connection c = DriverManager.getConnection(db.url(), props);
      c.setAutoCommit(true);
      return c;
    } catch (SQLException e) {
      throw DatabaseFailures.of(siteId, "connecting to " + db.redactedUrl(), e, kind);
    }
  }

  Connection open(String siteId, FailureKind kind) {
    return open(siteId, QUERY_TIMEOUT, kind);
  }
}
