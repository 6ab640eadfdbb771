package dev.baton.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (compose, git, nginx) built elsewhere as an argument list, never a shell
 * string, and captures what it printed. Its messages go through {@link Redaction}: a command line
 * may hold a URL with a token, and its output a secret.
 */
public final class ProcessRunner {

  private ProcessRunner() {}

  public static CommandResult run(
      List<String> command, Path workdir, Map<String, String> env, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
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
    OutputCollector output = new OutputCollector(process.getInputStream());
    output.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        output.join(1000);
        throw new CommandException(
            Redaction.apply(String.join(" ", command))
                + " did not finish within "
                + timeout
                + ": "
                + Redaction.excerpt(output.text(), CommandResult.MAX_EXCERPT));
      }
      output.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CommandException(
          Redaction.apply(String.join(" ", command)) + " was interrupted", e);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new CommandResult(command, process.exitValue(), output.text(), millis);
  }

  /** Reads the child's output on its own thread so a chatty child never blocks on a full pipe. */
  private static final class OutputCollector extends Thread {
    private final InputStream in;
    private volatile String text = "";

    OutputCollector(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "(output unreadable: " + e.getMessage() + ")";
      }
    }

    String text() {
      return text;
    }
  }
}
