package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.report.Reasons;
import dev.baton.switchover.DatabaseSwitchover;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rides out a dependency that does not answer for a while (a Docker engine restarting during an
 * upgrade, a database restarting, a replica reconnecting) instead of failing the step: the call is
 * made again with backoff until it passes or {@code release.outageWait} has gone by, and what the
 * step waits for, and since when, is shown meanwhile. A fault that cannot pass fails at once. The
 * waiting is timers in the workflow's history: it survives a worker crash like everything else.
 */
final class OutageWait {
  /** Failures that may pass by themselves; the activities raise them after their own retries. */
  static final Set<String> UNAVAILABLE =
      Set.of(FailureKind.ENGINE_UNAVAILABLE.type(), FailureKind.DATABASE_UNAVAILABLE.type());

  /**
   * The replication gate's failures that may pass: a database that does not answer, or a replica
   * that does not stream yet (it restarted, or its primary did).
   */
  private static final Set<String> REPLICATION =
      Set.of(FailureKind.DATABASE_UNAVAILABLE.type(), FailureKind.REPLICATION_UNHEALTHY.type());

  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  private final Duration budget;

  OutageWait(Duration budget) {
    this.budget = budget;
  }

  /**
   * The gate before the deploy and the switch: {@code standby}'s database streams, within the lag
   * ({@link DatabaseSwitchover#checkReplication}); a database or replica that does not answer yet
   * is waited for.
   */
  String replication(
      DatabaseSwitchover database, String active, String standby, Consumer<String> waiting) {
    return ride(
        FailureKind.REPLICATION_UNHEALTHY,
        REPLICATION,
        () -> database.checkReplication(active, standby),
        waiting);
  }

  /**
   * Makes {@code call} until it passes; a failure whose type is in {@code passing} is waited out
   * (with {@code waiting} told what and since when) until the budget is spent, then it fails as
   * {@code kind}, saying how long it waited.
   */
  <T> T ride(FailureKind kind, Set<String> passing, Supplier<T> call, Consumer<String> waiting) {
    Instant since = null;
    for (int round = 0; ; round++) {
      try {
        return call.get();
      } catch (ActivityFailure | ApplicationFailure e) {
        String type = FailureKind.typeOf(e, kind);
        if (!passing.contains(type) || !enabled()) {
          throw e;
        }
        Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        since = since == null ? now : since;
        Duration waited = Duration.between(since, now);
        String why = Reasons.of(e);
        if (waited.compareTo(budget) >= 0) {
          throw kind.failure(why + " (waited " + seconds(waited) + " for it, release.outageWait)");
        }
        waiting.accept(
            "waiting since "
                + since
                + " ("
                + seconds(waited)
                + " of "
                + seconds(budget)
                + "): "
                + why);
        Workflow.sleep(pause(round, budget.minus(waited)));
      }
    }
  }

  /**
   * Asked at the first failure only, so a release that never waits records nothing new; one
   * recorded before this existed failed at once, and its replay must do the same.
   */
  private static boolean enabled() {
    return Workflow.getVersion("outage-wait", Workflow.DEFAULT_VERSION, 1)
        != Workflow.DEFAULT_VERSION;
  }

  /** 1, 2, 4, 8 s, then every 10 s; never past the budget. */
  private static Duration pause(int round, Duration left) {
    Duration backoff = Duration.ofSeconds(1L << Math.min(round, 4));
    Duration pause = backoff.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : backoff;
    return pause.compareTo(left) > 0 ? left : pause;
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }
}
