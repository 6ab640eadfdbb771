package dev.baton.cli.report;

import dev.baton.release.StepState;
import dev.baton.report.Phase;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints each phase once when it starts and once when it ends, however often the progress is
 * polled: a log to read, not a redrawn screen. A phase that started and ended between two polls
 * gets its end line only.
 */
public final class PhaseFollower {
  private final PrintWriter out;
  private final Map<Integer, StepState> shown = new HashMap<>();

  public PhaseFollower(PrintWriter out) {
    this.out = out;
  }

  public void show(List<Phase> phases) {
    if (phases == null) {
      return;
    }
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      if (p.state() == shown.get(i)) {
        continue;
      }
      shown.put(i, p.state());
      String detail = p.detail() == null || p.detail().isEmpty() ? "" : ": " + p.detail();
      if (p.state() == StepState.RUNNING) {
        out.printf("%s %-17s started%s%n", PhaseTable.clock(p.startedAtMillis()), p.name(), detail);
      } else if (p.state() == StepState.SKIPPED) {
        out.printf("%s %-17s skipped%s%n", PhaseTable.clock(p.startedAtMillis()), p.name(), detail);
      } else {
        out.printf(
            "%s %-17s %s in %s%s%n",
            PhaseTable.clock(p.startedAtMillis() + p.millis()),
            p.name(),
            p.state().name().toLowerCase(),
            Durations.of(p.millis()),
            detail);
      }
    }
    out.flush();
  }
}
