package dev.baton.database;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/** The environment a site's reseed command runs with: which site, and where its primary is. */
final class ReseedCommand {

  private ReseedCommand() {}

  /**
   * {@code BATON_SITE}, {@code BATON_PRIMARY_SITE}, and the primary's {@code BATON_PRIMARY_HOST}
   * and {@code BATON_PRIMARY_PORT} from its JDBC URL (the first host of a multi-host URL; port 5432
   * when the URL names none). Never a password: the command reads its own secrets.
   */
  static Map<String, String> environment(String siteId, String primarySite, String primaryUrl) {
    Properties parsed = Driver.parseURL(primaryUrl, null);
    if (parsed == null) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + primaryUrl);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BATON_SITE", siteId);
    env.put("BATON_PRIMARY_SITE", primarySite);
    env.put("BATON_PRIMARY_HOST", parsed.getProperty("PGHOST").split(",")[0]);
    env.put("BATON_PRIMARY_PORT", parsed.getProperty("PGPORT").split(",")[0]);
    return env;
  }
}
