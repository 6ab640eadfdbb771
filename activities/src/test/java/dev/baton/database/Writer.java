package dev.baton.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application during a switchover: inserts numbered rows, one autocommitted insert at a time,
 * into the site it is pointed at, and remembers which ones the database acknowledged and when. On
 * any error it drops its connection and tries again with a new one, as a pool would.
 */
final class Writer implements Runnable {
  final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  final AtomicLong failures = new AtomicLong();
  private final AtomicLong acknowledgedOnTarget = new AtomicLong();
  private volatile String target;
  private volatile boolean stop;
  private volatile long lastAckNanos;
  private volatile long firstAckOnTargetNanos;
  private volatile long lastAckOnPreviousTargetNanos;
  private long next = 1;
  private Thread thread;

  Writer(String target) {
    this.target = target;
  }

  Writer start() {
    thread = new Thread(this, "writer");
    thread.start();
    return this;
  }

  /** Points the application at another site (what moving traffic does for it). */
  void retarget(String site) {
    lastAckOnPreviousTargetNanos = lastAckNanos;
    firstAckOnTargetNanos = 0;
    acknowledgedOnTarget.set(0);
    target = site;
  }

  long acknowledgedOnTarget() {
    return acknowledgedOnTarget.get();
  }

  long lastAckOnPreviousTargetNanos() {
    return lastAckOnPreviousTargetNanos;
  }

  long firstAckOnTargetNanos() {
    return firstAckOnTargetNanos;
  }

  void stop() throws InterruptedException {
    stop = true;
    thread.join();
  }

  @Override
  public void run() {
    Connection c = null;
    String connectedTo = null;
    while (!stop) {
      try {
        if (c == null || !target.equals(connectedTo)) {
          close(c);
          connectedTo = target;
          c = LocalDatabases.connect(connectedTo);
        }
        try (PreparedStatement st =
            c.prepareStatement("INSERT INTO rows (id) VALUES (?) ON CONFLICT DO NOTHING")) {
          st.setLong(1, next);
          st.executeUpdate();
        }
        long now = System.nanoTime();
        acknowledged.add(next++);
        lastAckNanos = now;
        if (acknowledgedOnTarget.getAndIncrement() == 0) {
          firstAckOnTargetNanos = now;
        }
      } catch (SQLException e) {
        // Not acknowledged: the same id is tried again (ON CONFLICT covers one that committed
        // without the acknowledgement arriving).
        failures.incrementAndGet();
        close(c);
        c = null;
        Thread.onSpinWait();
      }
    }
    close(c);
  }

  private static void close(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // the connection is being dropped anyway
    }
  }
}
