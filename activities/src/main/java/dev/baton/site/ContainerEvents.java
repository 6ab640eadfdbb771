package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The engine's event stream for one compose project's containers (start, die, health_status, …):
 * what wakes the health wait the moment something changes, instead of it reading every container on
 * a short timer. If the stream breaks (the engine restarts, or it is quiet for longer than the
 * client's response timeout), {@link #await} still returns after its bound, so the wait degrades to
 * polling and never hangs.
 */
final class ContainerEvents implements AutoCloseable {
  private final Semaphore changes = new Semaphore(0);
  private final ResultCallback.Adapter<Event> stream;

  private ContainerEvents(DockerClient docker, String project) {
    this.stream =
        docker
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withLabelFilter(Map.of(DockerSite.PROJECT_LABEL, project))
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Event event) {
                    changes.release();
                  }
                });
  }

  static ContainerEvents watch(DockerClient docker, String project) {
    return new ContainerEvents(docker, project);
  }

  /**
   * Returns true when a container changed since the last call (at once, or as soon as one does),
   * false after {@code bound} without a change.
   */
  boolean await(Duration bound) throws InterruptedException {
    if (changes.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      changes.drainPermits(); // one reading covers every change so far
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      // the stream is gone already: nothing to release
    }
  }
}
