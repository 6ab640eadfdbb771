package dev.baton.probe;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Watches a site that serves traffic: probes it every probe interval until a time has passed. The
 * release's bake, each partial step of a weighted shift and a drill's bake all do this; what they
 * do around each probe (judge real traffic, show progress, wake up for a rollback, undo a switch
 * when a probe fails) is their {@link Watcher}.
 *
 * @param probe the stub, with the caller's timeouts
 * @param interval how long between two probes (the last wait is cut to the time left)
 */
public record ProbeWatch(ProbeActivities probe, String project, Duration interval) {

  /** What the caller does around each probe; only {@link #failed} has no default. */
  @FunctionalInterface
  public interface Watcher {
    /** A probe failed: undo what must be undone, and return the failure the watch ends with. */
    RuntimeException failed(ProbeResult probe);

    /**
     * After each passed probe: what else was judged since {@code startMillis} (real traffic), ""
     * when nothing; throws when that fails the watch.
     */
    default String judge(long startMillis) {
      return "";
    }

    /** Before each wait: the probes passed, the last judgement and the time left. */
    default void progress(int probes, String seen, long leftMillis) {}

    /** Waits until the next probe; a release's bake also wakes up for a rollback. */
    default void pause(Duration pause) {
      Workflow.sleep(pause);
    }
  }

  /** What a watch that passed saw: how many probes, and the last judgement ("" for none). */
  public record Watched(int probes, String seen) {}

  /** Probes {@code site} for {@code duration}, at least once; throws what the watcher says. */
  public Watched watch(String site, Duration duration, Watcher watcher) {
    long start = Workflow.currentTimeMillis();
    long end = start + duration.toMillis();
    int probes = 0;
    while (true) {
      ProbeResult result = probe.probe(new ProbeRequest(project, site));
      probes++;
      if (!result.healthy()) {
        throw watcher.failed(result);
      }
      String seen = watcher.judge(start);
      long left = end - Workflow.currentTimeMillis();
      if (left <= 0) {
        return new Watched(probes, seen);
      }
      watcher.progress(probes, seen, left);
      watcher.pause(Duration.ofMillis(Math.min(left, interval.toMillis())));
    }
  }
}
