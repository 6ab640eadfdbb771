package dev.baton.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * nginx's worker processes, found through the master's pid file. After a reload the old workers
 * keep accepting new connections until they notice they must quit (about 100 ms here, longer under
 * load), so some new requests still reach the old site; once they have exited every request is
 * served with the new config. Waiting for that is what makes a verified switch exact.
 */
final class NginxWorkers {
  /** Debian's compiled-in default, used when the config has no {@code pid} directive. */
  static final Path DEFAULT_PID_FILE = Path.of("/run/nginx.pid");

  private static final Pattern PID_DIRECTIVE = Pattern.compile("(?m)^\\s*pid\\s+([^;\\s]+)\\s*;");
  private final Path config;

  NginxWorkers(Path config) {
    this.config = config;
  }

  /** The current workers (and cache processes) of the master; empty when nginx is not running. */
  Set<Long> current() {
    return masterPid()
        .flatMap(ProcessHandle::of)
        .map(m -> m.children().map(ProcessHandle::pid).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  /** True once none of {@code pids} is alive; false if some still are after {@code max}. */
  static boolean awaitExit(Set<Long> pids, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (pids.stream().anyMatch(NginxWorkers::alive)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  static Path pidFile(String configText) {
    String withoutComments = configText.replaceAll("(?m)#.*$", "");
    Matcher m = PID_DIRECTIVE.matcher(withoutComments);
    return m.find() ? Path.of(m.group(1)) : DEFAULT_PID_FILE;
  }

  private Optional<Long> masterPid() {
    try {
      String pid = Files.readString(pidFile(Files.readString(config))).trim();
      return pid.matches("\\d+") ? Optional.of(Long.parseLong(pid)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
