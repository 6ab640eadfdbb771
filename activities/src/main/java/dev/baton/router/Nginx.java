package dev.baton.router;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs {@code nginx -t} and {@code nginx -s reload} against the router's own config. */
final class Nginx {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  // What `nginx -s reload` says when no master process reads its signal: no pid file, a stale
  // pid, or an empty pid file.
  private static final Pattern NOT_RUNNING =
      Pattern.compile(
          "open\\(\\) \"[^\"]*\" failed \\(2:|kill\\(\\d+, \\d+\\) failed \\(3:|invalid PID number");
  private final Path config;

  Nginx(Path config) {
    this.config = config;
  }

  static List<String> testArgs(Path config) {
    return List.of("nginx", "-t", "-q", "-c", config.toString());
  }

  static List<String> reloadArgs(Path config) {
    return List.of("nginx", "-s", "reload", "-c", config.toString());
  }

  static List<String> startArgs(Path config) {
    return List.of("nginx", "-c", config.toString());
  }

  /** Null when nginx accepted the config and reloaded; otherwise what went wrong and what to do. */
  String testAndReload() {
    String problem = run(testArgs(config));
    if (problem != null) {
      return "nginx rejected the config (" + problem + ")";
    }
    problem = run(reloadArgs(config));
    if (problem == null) {
      return null;
    }
    if (NOT_RUNNING.matcher(problem).find()) {
      return "nginx is not running ("
          + problem
          + "); start it with `"
          + String.join(" ", startArgs(config))
          + "` and switch again";
    }
    return "nginx did not reload (" + problem + ")";
  }

  private static String run(List<String> command) {
    CommandResult result;
    try {
      result = ProcessRunner.run(command, null, Map.of(), TIMEOUT);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    if (result.ok()) {
      return null;
    }
    return String.join(" ", command) + ": " + result.tail(3).replace('\n', ' ');
  }
}
