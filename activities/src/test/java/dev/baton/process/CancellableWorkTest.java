package dev.baton.process;

import static dev.baton.process.ProcessRunnerTest.alive;
import static dev.baton.process.ProcessRunnerTest.pids;
import static dev.baton.process.ProcessRunnerTest.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CancellableWork} in a real (test) activity with real processes: it heartbeats while the
 * command runs, a cancel kills the command and what it started, and a second attempt waits until
 * the first one's processes are gone.
 */
class CancellableWorkTest {
  @TempDir Path dir;
  private final List<TestActivityEnvironment> envs = new CopyOnWriteArrayList<>();
  private final List<Object> beats = new CopyOnWriteArrayList<>();
  private final List<Long> startedPids = new CopyOnWriteArrayList<>();
  private final Semaphore slot = CancellableWork.slot();

  @ActivityInterface
  public interface Command {
    @ActivityMethod
    String run(String script);
  }

  @AfterEach
  void close() {
    envs.forEach(TestActivityEnvironment::close);
    startedPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void heartbeatsWhileTheCommandRuns() {
    Command command = command(newEnv());

    // Runs until the second heartbeat reached the test service.
    assertThat(command.run("sleep 2.5; echo done")).isEqualTo("done\n");

    assertThat(beats).isNotEmpty().allMatch(b -> b.toString().startsWith("running for "));
  }

  @Test
  void aCancelKillsTheCommandAndWhatItStartedWithinSeconds() throws Exception {
    TestActivityEnvironment env = newEnv();
    Path pidFile = dir.resolve("pids");
    CompletableFuture<String> run =
        CompletableFuture.supplyAsync(
            () ->
                command(env)
                    .run(
                        "sleep 300 & echo $! >> "
                            + pidFile
                            + "; echo $$ >> "
                            + pidFile
                            + "; wait"));
    List<Long> pids = awaitPids(pidFile, 2);

    long cancelled = System.nanoTime();
    env.requestCancelActivity();
    Throwable thrown = run.handle((ok, failure) -> failure).get(30, TimeUnit.SECONDS);

    assertThat(thrown).hasRootCauseInstanceOf(CanceledFailure.class);
    assertThat(pids).noneMatch(ProcessRunnerTest::alive);
    // The heartbeat that learns of the cancel comes within the throttle (about 1.6 s here).
    assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  @Fault(
      dependency = "external command",
      fault = "still running when the next attempt starts (heartbeat timeout)",
      outcome =
          "the next attempt waits, heartbeating, until the first one is cancelled and its processes are gone")
  void aSecondAttemptWaitsUntilTheFirstAttemptsProcessesAreGone() throws Exception {
    // Two attempts of the same work, as after a heartbeat timeout: the first still runs when the
    // second starts. The second's command records whether the first's is still alive.
    TestActivityEnvironment first = newEnv();
    Path firstPids = dir.resolve("first");
    CompletableFuture<String> firstRun =
        CompletableFuture.supplyAsync(
            () -> command(first).run("echo $$ > " + firstPids + "; exec sleep 300"));
    long firstPid = awaitPids(firstPids, 1).get(0);

    CompletableFuture<String> secondRun =
        CompletableFuture.supplyAsync(
            () ->
                command(newEnv())
                    .run(
                        "if kill -0 "
                            + firstPid
                            + " 2>/dev/null; then echo overlap; else echo alone; fi"));
    awaitBeat("waiting for the previous attempt's work to stop");
    assertThat(secondRun).isNotDone();
    first.requestCancelActivity();

    assertThat(secondRun.get(30, TimeUnit.SECONDS)).isEqualTo("alone\n");
    assertThat(firstRun.handle((ok, failure) -> failure).get(30, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(CanceledFailure.class);
    assertThat(alive(firstPid)).isFalse();
  }

  private TestActivityEnvironment newEnv() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        (Command)
            script -> {
              long begin = System.nanoTime();
              return CancellableWork.run(
                  slot,
                  "work",
                  () -> "running for " + (System.nanoTime() - begin) / 1_000_000 + " ms",
                  () ->
                      ProcessRunner.run(sh(script), dir, Map.of(), Duration.ofMinutes(5)).output());
            });
    env.setActivityHeartbeatListener(String.class, beats::add);
    envs.add(env);
    return env;
  }

  private static Command command(TestActivityEnvironment env) {
    return env.newActivityStub(
        Command.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(5))
            .setHeartbeatTimeout(Duration.ofSeconds(2))
            .build());
  }

  private List<Long> awaitPids(Path file, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      List<Long> pids = Files.exists(file) ? pids(Files.readString(file)) : List.of();
      if (pids.size() >= count) {
        startedPids.addAll(pids);
        return pids;
      }
      assertThat(System.nanoTime()).as("the command wrote its pids").isLessThan(deadline);
      Thread.sleep(20); // polling a file the command writes: there is nothing to await
    }
  }

  private void awaitBeat(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (beats.stream().noneMatch(b -> b.toString().startsWith(prefix))) {
      assertThat(System.nanoTime()).as("a heartbeat starting " + prefix).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
