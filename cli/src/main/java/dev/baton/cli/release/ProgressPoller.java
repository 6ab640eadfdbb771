package dev.baton.cli.release;

import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseWorkflow;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.Optional;

/**
 * One request per poll while the release runs: the {@code progress} query. Only when the query
 * fails (no release yet, no worker answers) or says the release ended does it ask the longer way
 * ({@link Releases#latest}: describe, then result or query), which also notices a release that was
 * terminated by hand. Every tenth poll takes the long way too, for the same reason.
 */
final class ProgressPoller {
  private static final int DESCRIBE_EVERY = 10;
  private final WorkflowClient client;
  private final String project;
  private final ReleaseWorkflow stub;
  private int polls;
  private boolean running;

  ProgressPoller(WorkflowClient client, String project) {
    this.client = client;
    this.project = project;
    this.stub = Releases.stub(client, project);
  }

  Optional<ReleaseProgress> poll() {
    if (running && polls++ % DESCRIBE_EVERY != 0) {
      try {
        ReleaseProgress progress = stub.progress();
        if (progress.outcome() == null) {
          return Optional.of(progress);
        }
      } catch (WorkflowException | StatusRuntimeException e) {
        // fall through to the long way, which says what is wrong
      }
    }
    Optional<ReleaseProgress> latest = Releases.latest(client, project);
    running = latest.isPresent() && latest.get().outcome() == null;
    return latest;
  }
}
