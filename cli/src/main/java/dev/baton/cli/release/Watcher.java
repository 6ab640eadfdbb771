package dev.baton.cli.release;

import dev.baton.Outcome;
import dev.baton.cli.ExitCodes;
import dev.baton.release.ReleaseProgress;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Follows a release, showing each poll through a {@link WatchView}, until the release ends. */
final class Watcher {
  static final Duration POLL = Duration.ofMillis(500);
  private final Supplier<Optional<ReleaseProgress>> source;
  private final WatchView view;
  private final Duration poll;

  Watcher(Supplier<Optional<ReleaseProgress>> source, WatchView view, Duration poll) {
    this.source = source;
    this.view = view;
    this.poll = poll;
  }

  static Watcher of(WorkflowClient client, String project, WatchView view) {
    return new Watcher(new ProgressPoller(client, project)::poll, view, POLL);
  }

  /**
   * Redrawn in place when stdout is a terminal (Java 17: {@code System.console()} is null when
   * either end is redirected) and {@code plain} is not asked for; a line per change otherwise.
   */
  static WatchView textView(PrintWriter out, Map<String, String> env, boolean plain) {
    Clock clock = Clock.systemDefaultZone();
    return plain || System.console() == null
        ? new PlainView(out, clock)
        : new TerminalView(out, clock, TerminalSize.columns(env));
  }

  int untilEnded() {
    return until(false);
  }

  /**
   * As {@link #untilEnded}, or, with {@code orApproval}, until a step waits for an approval: then
   * the full status is shown (what the approver needs to see) and 0 returned.
   */
  int until(boolean orApproval) {
    while (true) {
      Optional<ReleaseProgress> latest = source.get();
      if (latest.isPresent()) {
        ReleaseProgress progress = latest.get();
        if (progress.outcome() != null) {
          view.end(progress);
          return exitCode(progress.outcome());
        }
        if (orApproval && progress.waitingFor() != null) {
          view.end(progress);
          return ExitCodes.OK;
        }
        view.show(progress);
      }
      try {
        Thread.sleep(poll.toMillis()); // the polling cadence of a person-facing display
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.FAILED;
      }
    }
  }

  static int exitCode(String outcome) {
    Outcome o = Outcome.of(outcome);
    if (o.equals(Outcome.SUCCEEDED)) {
      return ExitCodes.OK;
    }
    return o.failureKind()
        .map(
            kind ->
                switch (kind) {
                  case REJECTED, APPROVAL_TIMEOUT -> ExitCodes.REFUSED;
                  // Started through the API with a version the CLI would have refused.
                  case BAD_REQUEST -> ExitCodes.BAD_INPUT;
                  default -> ExitCodes.FAILED;
                })
        .orElse(ExitCodes.FAILED);
  }
}
