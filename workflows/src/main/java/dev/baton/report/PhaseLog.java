package dev.baton.report;

import dev.baton.release.StepState;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times the phases of a failover or drill in workflow time (deterministic on replay) and keeps them
 * for the progress query and the final report. Each change is mirrored into {@code
 * Workflow.setCurrentDetails}, which the Temporal Web UI shows.
 */
public final class PhaseLog {
  private final String title;
  private final List<Phase> phases = new ArrayList<>();

  public PhaseLog(String title) {
    this.title = title;
  }

  /** Runs {@code body} as phase {@code name}; its result is the phase's detail. */
  public String run(String name, Supplier<String> body) {
    int index = start(name, "");
    try {
      String detail = body.get();
      end(index, StepState.SUCCEEDED, detail);
      return detail;
    } catch (RuntimeException e) {
      end(index, StepState.FAILED, Reasons.of(e));
      throw e;
    }
  }

  public int start(String name, String detail) {
    phases.add(new Phase(name, StepState.RUNNING, Workflow.currentTimeMillis(), 0, detail));
    publish();
    return phases.size() - 1;
  }

  public void end(int index, StepState state, String detail) {
    Phase p = phases.get(index);
    phases.set(
        index,
        new Phase(
            p.name(),
            state,
            p.startedAtMillis(),
            Workflow.currentTimeMillis() - p.startedAtMillis(),
            detail));
    publish();
  }

  /** A phase that did not run, with the reason. */
  public void skip(String name, String why) {
    phases.add(new Phase(name, StepState.SKIPPED, Workflow.currentTimeMillis(), 0, why));
    publish();
  }

  /** Whether phase {@code name} ran and succeeded. */
  public boolean succeeded(String name) {
    return phases.stream().anyMatch(p -> p.name().equals(name) && p.state() == StepState.SUCCEEDED);
  }

  /** How long phase {@code name} took, if it ran and succeeded; else 0. */
  public long millis(String name) {
    return phases.stream()
        .filter(p -> p.name().equals(name) && p.state() == StepState.SUCCEEDED)
        .mapToLong(Phase::millis)
        .findFirst()
        .orElse(0);
  }

  public List<Phase> phases() {
    return List.copyOf(phases);
  }

  private void publish() {
    StringBuilder text = new StringBuilder("**" + title + "**\n");
    for (Phase p : phases) {
      text.append("\n- `")
          .append(p.name())
          .append("` ")
          .append(p.state().name().toLowerCase())
          .append(p.millis() > 0 ? " in " + p.millis() + " ms" : "")
          .append(p.detail().isEmpty() ? "" : ": " + p.detail());
    }
    Workflow.setCurrentDetails(text.toString());
  }
}
