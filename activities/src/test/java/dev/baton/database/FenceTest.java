package dev.baton.database;

import static dev.baton.database.Activities.failureOf;
import static dev.baton.database.Activities.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replication state, role, fence and unfence on the fresh local pair; roles never move here. */
@ExtendWith(LocalDatabases.class)
class FenceTest {
  private static Activities activities;
  private static DatabaseActivities db;

  @BeforeAll
  static void setUp() throws SQLException {
    activities = new Activities(LocalDatabases.config());
    db = activities.db;
    try (Connection c = LocalDatabases.connect("primary");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text)");
    }
  }

  @AfterAll
  static void tearDown() {
    activities.close();
  }

  @Test
  void freshPairStreamsWithSmallLag() {
    ReplicationStatus status =
        db.replicationStatus(new ReplicationRequest("shop", "primary", "secondary"));
    assertThat(status.streaming()).as(status.detail()).isTrue();
    assertThat(status.lagBytes()).isLessThan(1 << 20);
    assertThat(status.detail()).startsWith("streaming, lag ");

    ReplicationStatus backwards =
        db.replicationStatus(new ReplicationRequest("shop", "secondary", "primary"));
    assertThat(backwards.streaming()).isFalse();
    assertThat(backwards.detail())
        .isEqualTo("secondary's database is not a primary (it is in recovery)");
  }

  @Test
  void roleTellsPrimaryFromReplicaAndDownIsAnAnswer() {
    DatabaseRoleResult primary = db.role(site("primary"));
    assertThat(primary.reachable()).isTrue();
    assertThat(primary.inRecovery()).isFalse();
    assertThat(primary.fenced()).isFalse();
    assertThat(primary.lsn()).matches("[0-9A-F]+/[0-9A-F]+");
    DatabaseRoleResult secondary = db.role(site("secondary"));
    assertThat(secondary.inRecovery()).isTrue();
    assertThat(secondary.detail()).startsWith("replica, at ");

    try (Activities closed = closedPortActivities()) {
      DatabaseRoleResult down = closed.db.role(site("secondary"));
      assertThat(down.reachable()).isFalse();
      assertThat(down.lsn()).isNull();
      assertThat(down.detail()).startsWith("not reachable: site secondary's database");
    }
  }

  @Test
  @Fault(
      dependency = "database",
      fault = "stopped (connection refused)",
      outcome = "retryable DATABASE_UNAVAILABLE naming the site and URL")
  void unreachableDatabaseIsRetryableAndNamesTheSite() {
    try (Activities closed = closedPortActivities()) {
      ApplicationFailure failure = failureOf(() -> closed.db.fence(site("secondary")));
      assertThat(failure.getType()).isEqualTo("DATABASE_UNAVAILABLE");
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage())
          .startsWith(
              "site secondary's database, while connecting to jdbc:postgresql://127.0.0.1:1/app")
          .endsWith("(baton retries; check that the database runs and the worker can reach it)");
    }
  }

  @Test
  void fenceEndsSessionsAndRefusesWritesUntilUnfenced() throws SQLException {
    try (Connection idle = LocalDatabases.connect("primary");
        Connection writing = LocalDatabases.connect("primary")) {
      insert(idle, "before the fence");
      writing.setAutoCommit(false);
      insert(writing, "inside a transaction the fence interrupts");

      FenceResult fence = db.fence(site("primary"));
      assertThat(fence.alreadyFenced()).isFalse();
      assertThat(fence.terminatedSessions()).isGreaterThanOrEqualTo(2);

      // Stricter than ending only sessions with a transaction id: every other session is ended,
      // so none can write in a transaction it began before the fence.
      assertThatThrownBy(() -> insert(idle, "x"))
          .as("a write through a session open before the fence")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(writing::commit)
          .as("commit of a transaction open during the fence")
          .isInstanceOf(SQLException.class);
    }
    try (Connection fresh = LocalDatabases.connect("primary")) {
      SQLException newWrite = catchThrowableOfType(SQLException.class, () -> insert(fresh, "x"));
      assertThat(newWrite.getSQLState()).as(newWrite.getMessage()).isEqualTo("25006");
      assertThat(newWrite.getMessage()).contains("read-only transaction");
      assertThat(count(fresh, "inside a transaction the fence interrupts")).isZero();
      assertThat(count(fresh, "before the fence")).isOne();

      // Idempotent: fencing again reports it and returns the (same or later) LSN.
      FenceResult again = db.fence(site("primary"));
      assertThat(again.alreadyFenced()).isTrue();
      assertThat(db.role(site("primary")).fenced()).isTrue();

      db.unfence(site("primary"));
      db.unfence(site("primary"));
      assertThat(db.role(site("primary")).fenced()).isFalse();
    }
    try (Connection after = LocalDatabases.connect("primary")) {
      assertThatCode(() -> insert(after, "after unfence")).doesNotThrowAnyException();
    }
  }

  @Test
  void switchoverStepsRefuseTheWrongSite() {
    ApplicationFailure fenceReplica = failureOf(() -> db.fence(site("secondary")));
    assertThat(fenceReplica.getType()).isEqualTo("FENCE_FAILED");
    assertThat(fenceReplica.isNonRetryable()).isTrue();
    assertThat(fenceReplica.getOriginalMessage()).contains("secondary's database is a replica");

    String lsn = db.role(site("primary")).lsn();
    ApplicationFailure replayOnPrimary =
        failureOf(() -> db.awaitReplay(new ReplayRequest("shop", "primary", lsn)));
    assertThat(replayOnPrimary.getType()).isEqualTo("REPLAY_FAILED");
    assertThat(replayOnPrimary.isNonRetryable()).isTrue();

    ApplicationFailure badLsn =
        failureOf(() -> db.awaitReplay(new ReplayRequest("shop", "secondary", "0/x'; --")));
    assertThat(badLsn.getType()).isEqualTo("REPLAY_FAILED");
    assertThat(badLsn.getOriginalMessage()).contains("not an LSN");

    PromoteResult promotePrimary = db.promote(site("primary"));
    assertThat(promotePrimary.promoted()).isFalse();
    assertThat(promotePrimary.detail()).isEqualTo("already a primary; accepts writes");

    ReplayResult replayed = db.awaitReplay(new ReplayRequest("shop", "secondary", lsn));
    assertThat(replayed.replayLsn()).isNotBlank();
  }

  @Test
  void unknownSiteIsBadConfig() {
    ApplicationFailure failure = failureOf(() -> db.role(site("tertiary")));
    assertThat(failure.getType()).isEqualTo("BAD_CONFIG");
    assertThat(failure.getOriginalMessage()).contains("unknown site \"tertiary\"");
  }

  private static Activities closedPortActivities() {
    return new Activities(
        LocalDatabases.config(Map.of("secondary", "jdbc:postgresql://127.0.0.1:1/app")));
  }

  private static void insert(Connection c, String body) throws SQLException {
    try (var st = c.prepareStatement("INSERT INTO notes (body) VALUES (?)")) {
      st.setString(1, body);
      st.executeUpdate();
    }
  }

  private static int count(Connection c, String body) throws SQLException {
    try (var st = c.prepareStatement("SELECT count(*) FROM notes WHERE body = ?")) {
      st.setString(1, body);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
