package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A command that runs longer than the heartbeat timeout is kept alive by the side thread. */
class BackgroundHeartbeatTest {
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<Object> beats = new CopyOnWriteArrayList<>();

  @ActivityInterface
  public interface SlowCommand {
    @ActivityMethod
    String run();
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void heartbeatsWhileTheActivityThreadIsBusy() {
    env.registerActivitiesImplementations(
        (SlowCommand)
            () -> {
              try (BackgroundHeartbeat beat = BackgroundHeartbeat.start(() -> "building")) {
                long end =
                    System.nanoTime() + BackgroundHeartbeat.EVERY.toNanos() * 2 + 500_000_000L;
                while (beats.size() < 2 && System.nanoTime() < end) {
                  Thread.onSpinWait(); // a command that never heartbeats by itself
                }
              }
              return "done";
            });
    env.setActivityHeartbeatListener(String.class, beats::add);
    SlowCommand command =
        env.newActivityStub(
            SlowCommand.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .build());

    assertThat(command.run()).isEqualTo("done");
    // The activity thread never heartbeats: every beat came from the side thread. (The SDK
    // throttles what it sends to a fraction of the heartbeat timeout, so one is what it shows.)
    assertThat(beats).isNotEmpty().containsOnly("building");
  }

  @Test
  void outsideAnActivityItDoesNothing() {
    try (BackgroundHeartbeat beat = BackgroundHeartbeat.start(() -> "x")) {
      assertThat(beat).isNotNull();
    }
  }
}
