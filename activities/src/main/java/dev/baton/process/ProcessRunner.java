package dev.baton.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (compose, git, nginx) built elsewhere as an argument list, never a shell
 * string, and captures the tail of what it printed. Its messages go through {@link Redaction}: a
 * command line may hold a URL with a token, and its output a secret.
 *
 * <p>The command leads a session of its own, so that on a timeout or an interrupt (the activity
 * running it was cancelled) the command and everything it started end together, orphans included
 * ({@link ProcessTree}). When the command exits on its own, what it left running is left alone (a
 * re-seed may start a database) and its output is read for at most {@link #DRAIN}: a leftover that
 * still holds the pipe cannot make the caller wait.
 */
public final class ProcessRunner {
  static final Duration DRAIN = Duration.ofSeconds(2);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ProcessRunner() {}

  public static CommandResult run(
      List<String> command, Path workdir, Map<String, String> env, Duration timeout) {
    if (!found(command.get(0), env)) {
      throw new CommandException(
          "cannot run " + command.get(0) + ": not found on the PATH (is it installed?)");
    }
    ProcessBuilder builder = new ProcessBuilder(sessionLeader(command)).redirectErrorStream(true);
    if (workdir != null) {
      builder.directory(workdir.toFile());
    }
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandException(
          Redaction.apply(
              "cannot run " + command.get(0) + ": " + e.getMessage() + " (is it installed?)"),
          e);
    }
    OutputTail output = new OutputTail(process.getInputStream());
    output.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessTree.kill(process);
        output.join(DRAIN.toMillis());
        throw new CommandException(
            Redaction.apply(String.join(" ", command))
                + " did not finish within "
                + timeout
                + " and was killed with what it started: "
                + CommandResult.lastLines(output.text(), 15));
      }
      output.join(DRAIN.toMillis());
    } catch (InterruptedException e) {
      ProcessTree.kill(process);
      Thread.currentThread().interrupt();
      throw new CommandException(
          Redaction.apply(String.join(" ", command)) + " was interrupted", e);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new CommandResult(command, process.exitValue(), output.text(), millis);
  }

  /**
   * Whether the program can be started: checked here because behind setsid a missing program is
   * only an exit code.
   */
  private static boolean found(String program, Map<String, String> env) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code setsid --wait}: the command gets a session of its own (the same pid, since a child of
   * the JVM is no process group leader; --wait covers the case where setsid has to fork).
   */
  private static List<String> sessionLeader(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of(SETSID.toString(), "--wait"));
    wrapped.addAll(command);
    return wrapped;
  }
}
