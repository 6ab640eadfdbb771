package dev.baton.router;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs {@code nginx -t} and {@code nginx -s reload} against the router's own config. */
final class Nginx {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
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

  /** Null when nginx accepted the config and reloaded; otherwise what it said. */
  String testAndReload() {
    for (List<String> command : List.of(testArgs(config), reloadArgs(config))) {
      CommandResult result;
      try {
        result = ProcessRunner.run(command, null, Map.of(), TIMEOUT);
      } catch (RuntimeException e) {
        return e.getMessage();
      }
      if (!result.ok()) {
        return String.join(" ", command) + ": " + result.tail(3).replace('\n', ' ');
      }
    }
    return null;
  }
}
