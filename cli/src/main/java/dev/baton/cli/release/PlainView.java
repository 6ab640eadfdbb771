package dev.baton.cli.release;

import dev.baton.release.ApprovalRecord;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.StepStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The release as a log, for output that is not a terminal: a line when a step, the traffic split,
 * the rollback window or an approval changes, nothing otherwise; the whole table at the end.
 */
final class PlainView implements WatchView {
  private final PrintWriter out;
  private final Clock clock;
  private final Map<String, String> shownSteps = new HashMap<>();
  private String shownWaiting;
  private String shownTraffic;
  private String shownRollback;
  private int shownApprovals;

  PlainView(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void show(ReleaseProgress progress) {
    for (StepStatus step : progress.steps()) {
      String text = step.state() + "|" + step.message();
      if (step.startedAt() != null && !text.equals(shownSteps.put(step.step().id(), text))) {
        out.printf(
            "%-15s %-11s %s%n",
            step.step().id(), ProgressRenderer.state(step.state()), step.message());
      }
    }
    for (int i = shownApprovals; i < progress.approvals().size(); i++) {
      ApprovalRecord a = progress.approvals().get(i);
      if (a.accepted()) {
        out.printf("  %s%n", a.describe());
      } else {
        out.printf(
            "  refused: %s tried to %s %s: %s%n", a.approver(), a.decision(), a.step(), a.reason());
      }
    }
    shownApprovals = progress.approvals().size();
    if (progress.traffic() != null && !progress.traffic().equals(shownTraffic)) {
      out.printf("  traffic: %s%n", progress.traffic());
    }
    shownTraffic = progress.traffic();
    if (progress.rollback() != null
        && progress.outcome() == null
        && !progress.rollback().equals(shownRollback)) {
      out.printf("  rollback: %s%n", progress.rollback());
    }
    shownRollback = progress.rollback();
    String waiting = progress.waitingFor();
    if (waiting != null && !Objects.equals(waiting, shownWaiting)) {
      out.printf("  -> waiting for approval: baton release approve --step %s --as NAME%n", waiting);
    }
    shownWaiting = waiting;
    out.flush();
  }

  @Override
  public void end(ReleaseProgress progress) {
    show(progress);
    out.println();
    out.print(ProgressRenderer.render(progress, clock));
    out.flush();
  }
}
