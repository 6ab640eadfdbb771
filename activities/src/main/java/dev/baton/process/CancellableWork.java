package dev.baton.process;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs an activity's long work (commands that cannot heartbeat themselves: git, compose build and
 * up, a re-seed) on a thread of its own while the activity's thread heartbeats, so that:
 *
 * <ul>
 *   <li>a build longer than the heartbeat timeout is not mistaken for a dead worker;
 *   <li>when Temporal cancels the activity (the release was cancelled, the workflow terminated, a
 *       heartbeat came too late), the heartbeat says so and the work is interrupted: {@link
 *       ProcessRunner} kills the running command with everything it started;
 *   <li>a retry never starts while the previous attempt still runs: each attempt takes the {@code
 *       slot} (one per site and kind of work) and gives it back only when its work has ended, so
 *       the next attempt waits, heartbeating, for the last one's processes to be gone.
 * </ul>
 *
 * Outside an activity (a tool, a benchmark) the work just runs on the caller's thread.
 */
public final class CancellableWork {
  /** Heartbeat cadence; the worker's heartbeat throttle decides how often the server hears it. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  /** How long a cancelled attempt may take to end its work before the activity gives up on it. */
  static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private CancellableWork() {}

  /** One slot for work that must never overlap with itself (a site's compose runs). */
  public static Semaphore slot() {
    return new Semaphore(1);
  }

  public static <T> T run(Semaphore slot, String name, Supplier<String> detail, Callable<T> work) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInActivity) {
      return runHere(slot, work);
    }
    long started = System.nanoTime();
    acquire(slot, context, name, started);
    FutureTask<T> task = new FutureTask<>(() -> releasing(slot, work));
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    try {
      while (true) {
        try {
          return task.get(EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          context.heartbeat(detail.get());
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (ActivityCompletionException | InterruptedException e) {
      stop(task, thread);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new CommandException(name + " was interrupted", e);
      }
      throw (ActivityCompletionException) e;
    }
  }

  /** Waits for the slot, heartbeating, so a cancelled wait ends too. */
  private static void acquire(
      Semaphore slot, ActivityExecutionContext context, String name, long started) {
    try {
      while (!slot.tryAcquire(EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        context.heartbeat(
            "waiting for the previous attempt's "
                + name
                + " to stop ("
                + (System.nanoTime() - started) / 1_000_000_000L
                + " s)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(name + " was interrupted while waiting for its turn", e);
    }
  }

  private static <T> T releasing(Semaphore slot, Callable<T> work) throws Exception {
    try {
      return work.call();
    } finally {
      slot.release();
    }
  }

  private static <T> T runHere(Semaphore slot, Callable<T> work) {
    slot.acquireUninterruptibly();
    try {
      return releasing(slot, work);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Interrupts the work and gives it a little while to kill its processes and end. */
  private static void stop(FutureTask<?> task, Thread thread) {
    task.cancel(true);
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
