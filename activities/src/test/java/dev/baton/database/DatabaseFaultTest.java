package dev.baton.database;

import static dev.baton.database.Activities.failureOf;
import static dev.baton.database.Activities.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.SiteConfig;
import dev.baton.config.SiteDatabaseConfig;
import dev.baton.config.TestConfigs;
import dev.baton.testing.Fault;
import dev.baton.testing.RawServer;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database activities against a "database" that is not PostgreSQL: one that accepts and never
 * answers, one that answers another protocol. No PostgreSQL needed (FenceTest has the closed port
 * and the real clusters). Both are retryable and name the site, and neither waits unbounded.
 */
class DatabaseFaultTest {
  @TempDir Path dir;

  @Test
  @Fault(
      dependency = "database",
      fault = "accepts, never answers (slow)",
      outcome = "retryable DATABASE_UNAVAILABLE naming the site, within the 10 s login timeout")
  void aDatabaseThatNeverAnswersIsRetryableWithinTheLoginTimeout() throws Exception {
    try (RawServer hung = RawServer.silent();
        Activities activities = activities(hung.port())) {
      long started = System.nanoTime();

      ApplicationFailure failure = failureOf(() -> activities.db.fence(site("secondary")));

      assertThat(hung.connections()).isPositive();
      assertUnavailable(failure, hung.port());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  @Fault(
      dependency = "database",
      fault = "malformed answer (not the PostgreSQL protocol)",
      outcome = "retryable DATABASE_UNAVAILABLE naming the site and the URL")
  void aServerSpeakingAnotherProtocolIsRetryableAndNamesTheSite() throws Exception {
    try (RawServer http = RawServer.answering("HTTP/1.1 400 Bad Request\r\n\r\n");
        Activities activities = activities(http.port())) {
      ApplicationFailure failure = failureOf(() -> activities.db.fence(site("secondary")));

      assertThat(http.connections()).isPositive();
      assertUnavailable(failure, http.port());
    }
  }

  private static void assertUnavailable(ApplicationFailure failure, int port) {
    assertThat(failure.getType()).isEqualTo("DATABASE_UNAVAILABLE");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "site secondary's database, while connecting to jdbc:postgresql://127.0.0.1:"
                + port
                + "/app")
        .endsWith("(baton retries; check that the database runs and the worker can reach it)");
  }

  private Activities activities(int port) throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "not-used\n");
    SiteConfig secondary =
        new SiteConfig(
            "secondary",
            "secondary",
            "unix:///nonexistent",
            null,
            null,
            Map.of(),
            new SiteDatabaseConfig(
                "jdbc:postgresql://127.0.0.1:" + port + "/app", "app", null, password, List.of()),
            null);
    return new Activities(TestConfigs.sitesOnly(dir.resolve("baton.yml"), List.of(secondary)));
  }
}
