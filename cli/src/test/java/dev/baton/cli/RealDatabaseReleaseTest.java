package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.CliHarness.Run;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Releases with database mode replicated, for real: two PostgreSQL clusters with streaming
 * replication, the shop demo on two Docker engines, nginx. While a writer inserts numbered rows
 * into whichever database is the primary, a release moves traffic and the primary role to the other
 * site; every acknowledged row must be on the new primary (RPO 0), and the former primary must
 * stream from it afterwards, so that the next release can swap back. The first release starts while
 * the standby's database is down (restarting): its replication gate waits for it, saying so, and
 * goes on once it is back.
 */
class RealDatabaseReleaseTest {
  private static final Path CONFIG = LocalSites.ROOT.resolve("examples/shop/baton-replicated.yml");
  private static final String PRIMARY_DB = SiteDatabases.PRIMARY;
  private static final String SECONDARY_DB = SiteDatabases.SECONDARY;
  @RegisterExtension static final LocalSites localSites = new LocalSites(CONFIG);
  private static CliHarness harness;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
  }

  @Test
  void aReleaseMovesThePrimaryWithTheTrafficLosingNoWriteAndTheNextOneSwapsBack() throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    try (Connection c = SiteDatabases.open(PRIMARY_DB);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS baton_rpo");
      st.execute("CREATE TABLE baton_rpo (id bigint PRIMARY KEY)");
    }

    Set<Long> acknowledged = writeDuring(() -> release("v2", true));
    assertThat(SiteDatabases.isPrimary(SECONDARY_DB)).isTrue();
    assertThat(ids(SECONDARY_DB)).as("every acknowledged write survived").containsAll(acknowledged);
    assertThat(acknowledged).hasSizeGreaterThan(10);
    awaitRow(PRIMARY_DB, insert(SECONDARY_DB, -1)); // the former primary streams from the new one

    Set<Long> back = writeDuring(() -> release("v1", false));
    assertThat(SiteDatabases.isPrimary(PRIMARY_DB)).isTrue();
    assertThat(ids(PRIMARY_DB)).containsAll(back).containsAll(acknowledged);
    awaitRow(SECONDARY_DB, insert(PRIMARY_DB, -2));

    // The database password is read by the workers and never travels through Temporal: not in
    // the deploys', the two releases' (each run of the reused id) or any other history.
    HistoryScan histories = HistoryScan.of(harness.client());
    assertThat(histories.runs()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(histories.contains("\"secondary\"")).as("payloads are searchable").isTrue();
    assertThat(histories.contains(SiteDatabases.password()))
        .as("password in one of %s", histories.runs())
        .isFalse();
  }

  private static void release(String version, boolean standbyDatabaseRestarts) {
    if (standbyDatabaseRestarts) {
      LocalSites.env("pg-stop", "secondary");
    }
    ok(harness.baton("release", "start", "--version", version));
    if (standbyDatabaseRestarts) {
      Run waiting = awaitStatus("waiting since");
      assertThat(waiting.out())
          .contains("checking secondary's database; waiting since")
          .contains("secondary");
      LocalSites.env("pg-start", "secondary");
    }
    awaitStatus("waiting for approval of switch");
    ok(harness.baton("release", "approve", "--as", "alice"));
    Run done = awaitStatus(": SUCCEEDED");
    assertThat(done.out()).contains("was promoted in").contains("'s database from");
  }

  /** Inserts numbered rows into whichever database is primary while {@code work} runs. */
  private static Set<Long> writeDuring(Runnable work) throws Exception {
    Set<Long> acknowledged = java.util.Collections.synchronizedSet(new HashSet<>());
    AtomicBoolean stop = new AtomicBoolean();
    long base = System.currentTimeMillis() * 1000;
    Thread writer =
        new Thread(
            () -> {
              long n = base;
              while (!stop.get()) {
                n++;
                String url = isPrimaryQuietly(PRIMARY_DB) ? PRIMARY_DB : SECONDARY_DB;
                try {
                  insert(url, n);
                  acknowledged.add(n);
                } catch (SQLException e) {
                  // Refused while fenced or promoting: not acknowledged, so not owed.
                }
              }
            },
            "rpo-writer");
    writer.start();
    try {
      work.run();
    } finally {
      stop.set(true);
      writer.join();
    }
    return acknowledged;
  }

  private static long insert(String url, long id) throws SQLException {
    try (Connection c = SiteDatabases.open(url);
        Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO baton_rpo VALUES (" + id + ")");
    }
    return id;
  }

  private static Set<Long> ids(String url) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = SiteDatabases.open(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM baton_rpo")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static void awaitRow(String url, long id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!ids(url).contains(id)) {
      assertThat(System.nanoTime()).as("row %d replicated to %s", id, url).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static boolean isPrimaryQuietly(String url) {
    try {
      return SiteDatabases.isPrimary(url);
    } catch (SQLException e) {
      return false;
    }
  }

  private static Run awaitStatus(String text) {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    Run run = harness.baton("release", "status");
    while (!run.out().contains(text)
        && run.out().lines().findFirst().orElse("").endsWith(": RUNNING")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(run.out()).as(run.err()).contains(text);
    return run;
  }
}
