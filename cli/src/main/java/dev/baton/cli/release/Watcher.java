package dev.baton.cli.release;

import dev.baton.cli.ExitCodes;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.StepStatus;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Follows a release, printing a line whenever a step changes, until the release ends. */
final class Watcher {
  private static final Duration POLL = Duration.ofMillis(500);
  private final WorkflowClient client;
  private final String project;
  private final PrintWriter out;
  private final Map<String, String> shown = new HashMap<>();
  private String shownWaiting;

  Watcher(WorkflowClient client, String project, PrintWriter out) {
    this.client = client;
    this.project = project;
    this.out = out;
  }

  int untilEnded() {
    while (true) {
      Optional<ReleaseProgress> latest = Releases.latest(client, project);
      if (latest.isPresent()) {
        ReleaseProgress progress = latest.get();
        printChanges(progress);
        if (progress.outcome() != null) {
          out.println();
          out.print(ProgressRenderer.render(progress));
          out.flush();
          return exitCode(progress.outcome());
        }
      }
      try {
        Thread.sleep(POLL.toMillis()); // the polling cadence of a person-facing display
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.FAILED;
      }
    }
  }

  static int exitCode(String outcome) {
    return switch (outcome) {
      case "SUCCEEDED" -> ExitCodes.OK;
      case "REJECTED", "APPROVAL_TIMEOUT" -> ExitCodes.REFUSED;
      default -> ExitCodes.FAILED;
    };
  }

  private void printChanges(ReleaseProgress progress) {
    for (StepStatus step : progress.steps()) {
      String text = step.state() + "|" + step.message();
      if (step.startedAt() != null && !text.equals(shown.put(step.step().id(), text))) {
        out.printf(
            "%-15s %-11s %s%n",
            step.step().id(), ProgressRenderer.state(step.state()), step.message());
      }
    }
    String waiting = progress.waitingFor();
    if (waiting != null && !waiting.equals(shownWaiting)) {
      out.printf("  -> waiting for approval: baton release approve --step %s --as NAME%n", waiting);
    }
    shownWaiting = waiting;
    out.flush();
  }
}
