package dev.baton.database;

import static dev.baton.database.Activities.failureOf;
import static dev.baton.database.Activities.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a failover does with the database when the active site died: the old primary is gone (its
 * postmaster killed, as in a crash), and the replica is promoted without it, keeping what it had
 * replayed. The lag seen last before the crash is the RPO estimate a failover reports.
 */
@ExtendWith(LocalDatabases.class)
class PromotionWithoutPrimaryTest {
  private static Activities activities;

  @BeforeAll
  static void setUp() {
    activities = new Activities(LocalDatabases.config());
  }

  @AfterAll
  static void tearDown() {
    activities.close();
  }

  @Test
  void theReplicaIsPromotedWhenThePrimaryIsGone() throws Exception {
    try (Connection c = LocalDatabases.connect("primary");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS crash (id int PRIMARY KEY)");
      st.execute("INSERT INTO crash VALUES (1)");
    }
    ReplicationStatus lastSeen = awaitReplayed();
    assertThat(lastSeen.lagBytes()).as("the RPO estimate before the crash").isZero();

    long postmaster =
        Long.parseLong(
            Files.readAllLines(LocalDatabases.STATE.resolve("pg/primary/data/postmaster.pid"))
                .get(0)
                .strip());
    ProcessHandle primary = ProcessHandle.of(postmaster).orElseThrow();
    primary.destroyForcibly();
    primary.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(activities.db.role(site("primary")).reachable()).isFalse();
    assertThat(
            failureOf(
                    () ->
                        activities.db.replicationStatus(
                            new ReplicationRequest("shop", "primary", "secondary")))
                .getType())
        .isEqualTo("DATABASE_UNAVAILABLE");

    PromoteResult promoted = activities.db.promote(site("secondary"));

    assertThat(promoted.promoted()).as(promoted.detail()).isTrue();
    DatabaseRoleResult role = activities.db.role(site("secondary"));
    assertThat(role.inRecovery()).isFalse();
    assertThat(role.fenced()).isFalse();
    try (Connection c = LocalDatabases.connect("secondary");
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO crash VALUES (2)");
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM crash")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the replayed row and the new one").isEqualTo(2);
      }
    }
  }

  private static ReplicationStatus awaitReplayed() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      ReplicationStatus status =
          activities.db.replicationStatus(new ReplicationRequest("shop", "primary", "secondary"));
      if (status.streaming() && status.lagBytes() == 0) {
        return status;
      }
      assertThat(System.nanoTime()).as("replica caught up: %s", status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
