package dev.baton.metrics;

import com.uber.m3.util.Duration;
import dev.baton.Outcome;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * baton's own metrics, recorded from workflow code. They go through {@link
 * Workflow#getMetricsScope()}, which records nothing while a workflow replays, so each is counted
 * once however often a worker replays the history; its scope already carries the namespace, task
 * queue and workflow type. Every metric is a timer: Prometheus shows {@code NAME_seconds_count}
 * (how many), {@code NAME_seconds_sum} and {@code NAME_seconds_max}. Durations come from {@link
 * Workflow#currentTimeMillis()}, the deterministic workflow clock.
 */
public final class WorkflowMetrics {
  /**
   * A whole release, from plan to its outcome; tag {@code outcome} (SUCCEEDED or a failure kind).
   */
  public static final String RELEASE = "baton_release";

  /** One release step that ended; tags {@code step} and {@code state}. */
  public static final String RELEASE_STEP = "baton_release_step";

  /** Moving all traffic (and the queue workers) to the other site, in releases and drills. */
  public static final String SWITCH = "baton_switch";

  /** How long an approval waited for its decision; tags {@code step} and {@code decision}. */
  public static final String APPROVAL_WAIT = "baton_approval_wait";

  /** A failover, start to traffic served by the standby (its RTO); tag {@code outcome}. */
  public static final String FAILOVER = "baton_failover";

  /** A drill, start to end; tag {@code outcome}. */
  public static final String DRILL = "baton_drill";

  private WorkflowMetrics() {}

  /** Records {@code millis} on timer {@code name}; call from workflow code only. */
  public static void time(String name, Map<String, String> tags, long millis) {
    Workflow.getMetricsScope().tagged(tags).timer(name).record(Duration.ofMillis(millis));
  }

  /** Records how long a release, failover or drill took on timer {@code name}, by its outcome. */
  public static void ended(String name, Outcome outcome, long startedAtMillis) {
    since(name, Map.of("outcome", outcome.name()), startedAtMillis);
  }

  /** Records the time since {@code startedAtMillis} (a {@link Workflow#currentTimeMillis()}). */
  public static void since(String name, Map<String, String> tags, long startedAtMillis) {
    time(name, tags, Workflow.currentTimeMillis() - startedAtMillis);
  }
}
