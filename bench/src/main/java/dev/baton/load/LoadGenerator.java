package dev.baton.load;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a steady stream of GETs (open model: one is due every 1/rate seconds, however slow the
 * answers; its time counts from when it was due) over keep-alive connections, as busy clients would
 * (or each on a connection of its own, {@link LoadPlan#newConnections}), and records each outcome.
 * Used to prove that a switch or a rollback loses no request.
 *
 * <p>Like every HTTP client, it sends a GET again once when a keep-alive connection it reused was
 * closed before any answer arrived (allowed for idempotent requests, RFC 9110 9.2.2); those are
 * counted as retried, not failed.
 */
public final class LoadGenerator {
  private static final int CONNECTIONS = 32;
  private static final long STOP = -1;

  private LoadGenerator() {}

  /**
   * {@link #run} on a thread of its own, for a test that moves traffic meanwhile; the future
   * completes when the plan ends (its duration, or its stop file).
   */
  public static CompletableFuture<LoadReport> start(LoadPlan plan) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run(plan);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("load generator interrupted", e);
          }
        });
  }

  public static LoadReport run(LoadPlan plan) throws InterruptedException {
    Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    AtomicLong dispatched = new AtomicLong();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      Thread t = new Thread(() -> client(plan, due, samples), "load-" + i);
      t.setDaemon(true);
      t.start();
      clients.add(t);
    }
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "load-ticker");
              t.setDaemon(true);
              return t;
            });
    long start = System.nanoTime();
    long deadline = start + plan.maxDuration().toNanos();
    long period = 1_000_000_000L / plan.perSecond();
    try {
      // A late ticker fires its missed ticks in a burst; each request is still due at its
      // scheduled time, and none is scheduled at or after the deadline, so the count is exact.
      ticker.scheduleAtFixedRate(
          () -> {
            long n = dispatched.getAndIncrement();
            if (n < plan.maxRequests()) {
              due.add(start + n * period);
            }
          },
          0,
          period,
          TimeUnit.NANOSECONDS);
      while (System.nanoTime() < deadline
          && (plan.stopFile() == null || !Files.exists(plan.stopFile()))) {
        Thread.sleep(20);
      }
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    }
    for (int i = 0; i < CONNECTIONS; i++) {
      due.add(STOP); // after every request still due: each client finishes those first
    }
    for (Thread t : clients) {
      t.join(plan.timeout().toMillis() * 2 + 1000);
    }
    return new LoadReport(List.copyOf(samples));
  }

  private static void client(LoadPlan plan, BlockingQueue<Long> due, Queue<Sample> samples) {
    try (KeepAliveConnection connection =
        new KeepAliveConnection(plan.url(), (int) plan.timeout().toMillis())) {
      while (true) {
        long dueAt = due.take();
        if (dueAt == STOP) {
          return;
        }
        long sentAt = System.currentTimeMillis() - (System.nanoTime() - dueAt) / 1_000_000;
        samples.add(send(connection, sentAt, dueAt));
        if (plan.newConnections()) {
          connection.close(); // the next GET opens a connection of its own
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Sample send(KeepAliveConnection connection, long sentAt, long dueAt) {
    boolean retried = false;
    while (true) {
      boolean reused = connection.reused();
      try {
        KeepAliveConnection.Answer answer = connection.get();
        long millis = (System.nanoTime() - dueAt) / 1_000_000;
        String error = answer.status() >= 500 ? "HTTP " + answer.status() : null;
        return new Sample(sentAt, millis, answer.status(), answer.upstream(), error, retried);
      } catch (KeepAliveConnection.Failure e) {
        if (reused && e.beforeAnswer && !retried) {
          retried = true;
          continue;
        }
        long millis = (System.nanoTime() - dueAt) / 1_000_000;
        return new Sample(sentAt, millis, 0, null, reason(e.getCause()), retried);
      }
    }
  }

  static String reason(Throwable e) {
    if (e instanceof SocketTimeoutException) {
      return "timeout";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return "connection error: " + e.getClass().getSimpleName();
  }
}
