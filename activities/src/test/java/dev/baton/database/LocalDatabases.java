package dev.baton.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.SiteDatabaseConfig;
import dev.baton.config.TestConfigs;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.EnvLock;
import dev.baton.testing.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two PostgreSQL clusters of {@code scripts/env pg-up}: site "primary" on 127.0.0.1:5532, site
 * "secondary" streaming from it on 5533. Brought up before a test class (recovering from any
 * earlier run's leftovers) and torn down after it. Honours BATON_ENV_DIR and the BATON_PG_PORT_*
 * variables, as the script does.
 */
public final class LocalDatabases implements BeforeAllCallback, AfterAllCallback {
  public static final Path ROOT = repoRoot();
  public static final Path STATE =
      Path.of(System.getenv().getOrDefault("BATON_ENV_DIR", "/tmp/baton-env"));
  public static final Path PASSWORD_FILE = STATE.resolve("pg/password");
  public static final List<String> RESEED_COMMAND =
      List.of("bash", ROOT.resolve("scripts/env").toString(), "pg-reseed");

  private boolean locked;

  @Override
  public void beforeAll(ExtensionContext context) {
    RealEnvironment.assumeUsable(context.getRequiredTestClass());
    EnvLock.acquire();
    locked = true;
    // pg-up keeps the roles the sites have now; a run killed halfway through a switchover
    // leaves them swapped, so start from a fresh pair.
    env("pg-down");
    env("pg-up");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!locked) {
      return; // skipped here: nothing was started
    }
    locked = false;
    try {
      env("pg-down");
    } finally {
      EnvLock.release();
    }
  }

  public static CommandResult env(String... args) {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", ROOT.resolve("scripts/env").toString()));
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, ROOT, Map.of(), Duration.ofMinutes(5));
    assertThat(result.exitCode()).as("%s:\n%s", command, result.output()).isZero();
    return result;
  }

  public static int port(String site) {
    return switch (site) {
      case "primary" ->
          Integer.parseInt(System.getenv().getOrDefault("BATON_PG_PORT_PRIMARY", "5532"));
      case "secondary" ->
          Integer.parseInt(System.getenv().getOrDefault("BATON_PG_PORT_SECONDARY", "5533"));
      default -> throw new IllegalArgumentException(site);
    };
  }

  public static String url(String site) {
    return "jdbc:postgresql://127.0.0.1:" + port(site) + "/app";
  }

  /** A config with both sites' databases (and nothing else baton would need for a release). */
  public static BatonConfig config() {
    return config(Map.of());
  }

  /** As {@link #config()}, with some sites' URLs replaced (e.g. to point at a closed port). */
  public static BatonConfig config(Map<String, String> urls) {
    return config(urls, RESEED_COMMAND);
  }

  /** As {@link #config()}, with another reseed command for both sites. */
  public static BatonConfig config(Map<String, String> urls, List<String> reseedCommand) {
    List<SiteConfig> sites =
        List.of("primary", "secondary").stream()
            .map(
                id ->
                    new SiteConfig(
                        id,
                        id,
                        "unix:///nonexistent",
                        null,
                        null,
                        Map.of(),
                        new SiteDatabaseConfig(
                            urls.getOrDefault(id, url(id)),
                            "app",
                            null,
                            PASSWORD_FILE,
                            reseedCommand),
                        null))
            .toList();
    return TestConfigs.sitesOnly(ROOT.resolve("baton.yml"), sites);
  }

  /** A new connection as the application user (autocommit). */
  public static Connection connect(String site) throws SQLException {
    return DriverManager.getConnection(url(site), "app", password());
  }

  static String password() {
    try {
      return Files.readString(PASSWORD_FILE).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/env"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "cannot find scripts/env above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
