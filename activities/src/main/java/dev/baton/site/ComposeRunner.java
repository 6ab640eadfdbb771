package dev.baton.site;

import dev.baton.config.SiteConfig;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link ComposeCommand}s for one site with the site's engine and the version to deploy. */
final class ComposeRunner {
  private static final Duration TIMEOUT = Duration.ofMinutes(20);
  private final SiteConfig site;
  private final ComposeCommand commands;

  ComposeRunner(SiteConfig site, Path batonOverride) {
    this.site = site;
    this.commands = new ComposeCommand(executable(), site.compose(), batonOverride);
  }

  /** Compose v2 when the docker CLI has it, else v1: Debian ships only {@code docker-compose}. */
  static List<String> executable() {
    try {
      CommandResult v2 =
          ProcessRunner.run(
              List.of("docker", "compose", "version"), null, Map.of(), Duration.ofSeconds(10));
      if (v2.ok()) {
        return List.of("docker", "compose");
      }
    } catch (RuntimeException e) {
      // no docker CLI at all: try v1 below
    }
    return List.of("docker-compose");
  }

  CommandResult build(List<String> services, String version) {
    return run(commands.build(services), version, "compose build");
  }

  CommandResult up(List<String> services, String version) {
    return run(commands.up(services), version, "compose up");
  }

  CommandResult create(List<String> services, String version) {
    return run(commands.create(services), version, "compose up --no-start");
  }

  /**
   * Runs {@code service} once and returns how it ended, whatever its exit code: the caller decides
   * what a non-zero exit means. Throws when it could not run or did not end within {@code timeout}.
   */
  CommandResult runOnce(String service, String version, Duration timeout) {
    requireWorkdir();
    return ProcessRunner.run(
        commands.runOnce(service), site.compose().workdir(), environment(version), timeout);
  }

  /** Starts {@code service} in the background in a container named {@code name}. */
  CommandResult runDetached(String service, String version, String name) {
    return run(commands.runDetached(service, name), version, "compose run -d " + service);
  }

  private Map<String, String> environment(String version) {
    // VERSION is what the compose files interpolate into image tags.
    Map<String, String> env = new HashMap<>(DockerTls.environment(site));
    env.put("VERSION", version);
    env.put("BATON_VERSION", version);
    return env;
  }

  private void requireWorkdir() {
    if (!Files.isDirectory(site.compose().workdir())) {
      throw new SiteException(
          site.id(),
          "compose workdir "
              + site.compose().workdir()
              + " does not exist (check sites[].compose.workdir, or git.checkoutDir)");
    }
  }

  private CommandResult run(List<String> command, String version, String what) {
    requireWorkdir();
    CommandResult result =
        ProcessRunner.run(command, site.compose().workdir(), environment(version), TIMEOUT);
    if (!result.ok()) {
      throw new SiteException(
          site.id(), what + " failed (exit " + result.exitCode() + "):\n" + result.tail(15));
    }
    return result;
  }
}
