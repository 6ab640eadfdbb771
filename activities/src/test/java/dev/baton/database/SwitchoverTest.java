package dev.baton.database;

import static dev.baton.database.Activities.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One story, in order, on real PostgreSQL: a lossless switchover to the secondary under a
 * continuous write load, re-seeding the former primary as its replica, and the way back.
 */
@ExtendWith(LocalDatabases.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchoverTest {
  private static final Logger log = LoggerFactory.getLogger(SwitchoverTest.class);
  private static Activities activities;
  private static DatabaseActivities db;

  @BeforeAll
  static void setUp() throws SQLException {
    activities = new Activities(LocalDatabases.config());
    db = activities.db;
    try (Connection c = LocalDatabases.connect("primary");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE rows (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
    }
  }

  @AfterAll
  static void tearDown() {
    activities.close();
  }

  @Test
  @Order(1)
  void switchoverUnderWriteLoadLosesNoAcknowledgedWrite() throws Exception {
    Writer writer = new Writer("primary").start();
    await(() -> writer.acknowledged.size() >= 300, "300 writes on the primary");
    // The gate a release passes before it switches (and a warm activity path, as in a worker
    // that has been running: the first call in a JVM pays for class loading).
    ReplicationStatus gate =
        db.replicationStatus(new ReplicationRequest("shop", "primary", "secondary"));
    assertThat(gate.streaming()).as(gate.detail()).isTrue();
    db.role(site("secondary"));

    long started = System.nanoTime();
    FenceResult fence = db.fence(site("primary"));
    long fenced = System.nanoTime();
    ReplayResult replay = db.awaitReplay(new ReplayRequest("shop", "secondary", fence.lsn()));
    long replayed = System.nanoTime();
    PromoteResult promote = db.promote(site("secondary"));
    long promoted = System.nanoTime();
    writer.retarget("secondary");
    await(() -> writer.acknowledgedOnTarget() >= 100, "100 writes on the new primary");
    writer.stop();

    Set<Long> onNewPrimary = ids("secondary");
    assertThat(onNewPrimary)
        .as("every acknowledged write (RPO 0)")
        .containsAll(writer.acknowledged);
    assertThat(onNewPrimary)
        .as(
            "nothing the old primary holds is missing on the new one: it took no write after"
                + " the fence")
        .containsAll(ids("primary"));
    assertThat(promote.promoted()).isTrue();
    assertThat(db.role(site("secondary")))
        .extracting(DatabaseRoleResult::inRecovery, DatabaseRoleResult::fenced)
        .containsExactly(false, false);
    DatabaseRoleResult oldPrimary = db.role(site("primary"));
    assertThat(oldPrimary.fenced()).isTrue();
    assertThat(oldPrimary.inRecovery()).isFalse();
    try (Connection c = LocalDatabases.connect("primary")) {
      assertThatThrownBy(() -> insert(c, -1))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only transaction");
    }

    // From the last write the old primary acknowledged to the first the new one did.
    long windowMs = ms(writer.lastAckOnPreviousTargetNanos(), writer.firstAckOnTargetNanos());
    log.info(
        "switchover: {} writes acknowledged, {} failed attempts; fence {} ms ({} sessions ended),"
            + " replay {} ms (waited {} ms), promote {} ms (pg_promote {} ms); old primary LSN after fence {} (at fence {});"
            + " write-unavailability window {} ms",
        writer.acknowledged.size(),
        writer.failures.get(),
        ms(started, fenced),
        fence.terminatedSessions(),
        ms(fenced, replayed),
        replay.waitedMillis(),
        ms(replayed, promoted),
        promote.promoteMillis(),
        oldPrimary.lsn(),
        fence.lsn(),
        windowMs);
    assertThat(replay.waitedMillis()).isLessThan(10_000);
  }

  @Test
  @Order(2)
  void reseedMakesTheFormerPrimaryAReplicaOfTheNewOne() throws SQLException {
    ReseedResult reseed = activities.reseed("primary", "secondary");
    log.info(
        "reseed of primary from secondary: command {} ms, then streaming after {} ms: {}",
        reseed.commandMillis(),
        reseed.catchUpMillis(),
        reseed.detail());
    assertThat(reseed.detail()).startsWith("streaming");

    ReplicationStatus status =
        db.replicationStatus(new ReplicationRequest("shop", "secondary", "primary"));
    assertThat(status.streaming()).as(status.detail()).isTrue();
    DatabaseRoleResult reseeded = db.role(site("primary"));
    assertThat(reseeded.inRecovery()).isTrue();
    assertThat(reseeded.fenced()).as("a copy of the unfenced new primary").isFalse();

    try (Connection c = LocalDatabases.connect("secondary")) {
      insert(c, 1_000_000);
    }
    db.awaitReplay(new ReplayRequest("shop", "primary", db.role(site("secondary")).lsn()));
    assertThat(ids("primary")).contains(1_000_000L);
  }

  @Test
  @Order(3)
  void aCaughtUpReplicaOfAnIdlePrimaryIsNotBehindInTime() throws Exception {
    try (Connection c = LocalDatabases.connect("secondary")) {
      insert(c, 1_500_000);
    }
    db.awaitReplay(new ReplayRequest("shop", "primary", db.role(site("secondary")).lsn()));
    // The primary stays idle for a while: the time since the last replayed commit grows, the
    // replica is not behind.
    Thread.sleep(1500);
    ReplicationStatus status =
        db.replicationStatus(new ReplicationRequest("shop", "secondary", "primary"));
    assertThat(status.streaming()).as(status.detail()).isTrue();
    assertThat(status.lagBytes()).as(status.detail()).isZero();
    assertThat(status.lagMillis()).as(status.detail()).isZero();
  }

  @Test
  @Order(4)
  void switchingBackRestoresTheOriginalRoles() throws SQLException {
    FenceResult fence = db.fence(site("secondary"));
    db.awaitReplay(new ReplayRequest("shop", "primary", fence.lsn()));
    assertThat(db.promote(site("primary")).promoted()).isTrue();
    activities.reseed("secondary", "primary");

    ReplicationStatus status =
        db.replicationStatus(new ReplicationRequest("shop", "primary", "secondary"));
    assertThat(status.streaming()).as(status.detail()).isTrue();
    try (Connection c = LocalDatabases.connect("primary")) {
      insert(c, 2_000_000);
    }
    assertThat(ids("primary")).contains(1_000_000L, 2_000_000L);
  }

  @Test
  @Order(5)
  void aReplicaSeededFromAFencedPrimaryAcceptsWritesOncePromoted() throws SQLException {
    FenceResult fence = db.fence(site("primary"));
    activities.reseed("secondary", "primary");
    assertThat(db.role(site("secondary")).fenced())
        .as("pg_basebackup copied the fence in postgresql.auto.conf")
        .isTrue();

    db.awaitReplay(new ReplayRequest("shop", "secondary", fence.lsn()));
    PromoteResult promote = db.promote(site("secondary"));

    assertThat(promote.promoted()).isTrue();
    assertThat(db.role(site("secondary")).fenced()).isFalse();
    try (Connection c = LocalDatabases.connect("secondary")) {
      insert(c, 3_000_000);
    }
  }

  private static long ms(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  private static void insert(Connection c, long id) throws SQLException {
    try (var st = c.prepareStatement("INSERT INTO rows (id) VALUES (?)")) {
      st.setLong(1, id);
      st.executeUpdate();
    }
  }

  private static Set<Long> ids(String site) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = LocalDatabases.connect(site);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM rows")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
