package dev.baton.site;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats an activity from a side thread while it runs commands that cannot heartbeat themselves
 * (git checkout, {@code compose build}, {@code compose up}), so a build that takes longer than the
 * heartbeat timeout is not mistaken for a dead worker and run again. A dead worker still stops the
 * heartbeats with it. Outside an activity (a tool, a benchmark) it does nothing.
 */
final class BackgroundHeartbeat implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(5);

  private final ScheduledExecutorService ticker;

  private BackgroundHeartbeat(ScheduledExecutorService ticker) {
    this.ticker = ticker;
  }

  /** Starts heartbeating {@code detail.get()} every few seconds until closed. */
  static BackgroundHeartbeat start(Supplier<String> detail) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInActivity) {
      return new BackgroundHeartbeat(null);
    }
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heartbeat-" + context.getInfo().getActivityId());
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            context.heartbeat(detail.get());
          } catch (RuntimeException e) {
            // Cancelled or timed out: the activity's own thread finds out at its next heartbeat.
          }
        },
        EVERY.toMillis(),
        EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    return new BackgroundHeartbeat(ticker);
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
