package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.testing.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes through {@link ProcessRunner}: what a command started ends with it on a timeout or
 * an interrupt (orphans included), a leftover holding the output pipe cannot hold the caller, and
 * the output kept is bounded to its tail.
 */
class ProcessRunnerTest {
  @TempDir Path dir;
  private final List<Long> started = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  @Fault(
      dependency = "external command",
      fault = "hangs, with a child and an orphan it left",
      outcome =
          "killed at its timeout with every process of its session; CommandException names the command and the timeout")
  void aTimeoutKillsTheCommandItsChildAndAnOrphanItLeft() {
    // $! of a backgrounded sleep is a child; the one started in a subshell that exits at once is
    // re-parented away from the command (an orphan) and only the session still ties it to it.
    String script = "sleep 300 & echo $!; (sleep 300 & echo $!); echo $$; sleep 300";

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () -> ProcessRunner.run(sh(script), dir, Map.of(), Duration.ofMillis(800)));

    assertThat(e.getMessage())
        .startsWith("sh -c " + script + " did not finish within PT0.8S and was killed");
    List<Long> pids = pids(e.getMessage().substring(e.getMessage().indexOf("started: ") + 9));
    started.addAll(pids);
    assertThat(pids).hasSize(3);
    assertThat(pids).noneMatch(ProcessRunnerTest::alive);
  }

  @Test
  @Fault(
      dependency = "external command",
      fault = "its caller is interrupted (activity cancelled)",
      outcome =
          "the command and what it started are killed; CommandException says it was interrupted")
  void anInterruptedCallerKillsWhatTheCommandStarted() throws Exception {
    Path pidFile = dir.resolve("pids");
    String script = "sleep 300 & echo $! >> " + pidFile + "; echo $$ >> " + pidFile + "; wait";
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                ProcessRunner.run(sh(script), dir, Map.of(), Duration.ofMinutes(5));
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    caller.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (pids(Files.exists(pidFile) ? Files.readString(pidFile) : "").size() < 2) {
      assertThat(System.nanoTime()).as("the command wrote its pids").isLessThan(deadline);
      Thread.sleep(20); // polling a file the command writes: there is nothing to await
    }
    List<Long> pids = pids(Files.readString(pidFile));
    started.addAll(pids);

    caller.interrupt();
    caller.join(10_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(CommandException.class)
        .hasMessageEndingWith("was interrupted");
    assertThat(pids).noneMatch(ProcessRunnerTest::alive);
  }

  @Test
  @Fault(
      dependency = "external command",
      fault = "exits, leaving a process that holds its output pipe",
      outcome = "the result comes after at most 2 s of draining; the leftover is not waited for")
  void aLeftoverHoldingTheOutputDoesNotHoldTheCaller() {
    // The command exits at once; the sleep it leaves keeps the output pipe open for 300 s.
    long begin = System.nanoTime();

    CommandResult result =
        ProcessRunner.run(
            sh("sleep 300 & echo $!; echo done"), dir, Map.of(), Duration.ofMinutes(5));

    started.addAll(pids(result.output()));
    assertThat(result.ok()).isTrue();
    assertThat(result.output()).endsWith("done\n");
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isLessThan(ProcessRunner.DRAIN.plusSeconds(3));
  }

  @Test
  @Fault(
      dependency = "external command",
      fault = "prints megabytes",
      outcome = "only its last 256 KiB are kept, after a line saying how much was cut")
  void theOutputKeptIsItsTailAndSaysHowMuchWasCut() {
    // 3 MB of lines, then a last line: far more than the 256 KiB kept.
    CommandResult result =
        ProcessRunner.run(
            sh("i=0; yes 0123456789abcdef | head -n 200000; echo the reason it failed; exit 3"),
            dir,
            Map.of(),
            Duration.ofMinutes(1));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).hasSizeLessThanOrEqualTo(OutputTail.LIMIT + 100);
    assertThat(result.output())
        .startsWith("(first ")
        .contains(" bytes of output not kept)\n0123456789abcdef\n")
        .endsWith("0123456789abcdef\nthe reason it failed\n");
    assertThat(result.tail(1)).isEqualTo("the reason it failed");
  }

  @Test
  void aShortOutputIsKeptWhole() {
    CommandResult result =
        ProcessRunner.run(sh("printf 'one\\ntwo\\n'"), dir, Map.of(), Duration.ofSeconds(30));

    assertThat(result.output()).isEqualTo("one\ntwo\n");
  }

  static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }

  static List<Long> pids(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> l.matches("[0-9]+"))
        .map(Long::parseLong)
        .toList();
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessTree::alive).orElse(false);
  }
}
