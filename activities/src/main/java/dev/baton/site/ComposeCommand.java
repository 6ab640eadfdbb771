package dev.baton.site;

import dev.baton.config.ComposeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Docker Compose argument lists for one site (like Kamal's commands layer: building is kept
 * apart from running, so the lists are unit-tested). Works with Compose v2 ({@code docker compose})
 * and v1 ({@code docker-compose}); the engine is chosen by DOCKER_HOST in the environment, which
 * both understand.
 */
public final class ComposeCommand {
  private final List<String> executable;
  private final ComposeConfig compose;
  private final Path batonOverride;

  /**
   * @param executable {@code [docker, compose]} or {@code [docker-compose]}
   * @param batonOverride the override file baton writes with its labels, applied last
   */
  public ComposeCommand(List<String> executable, ComposeConfig compose, Path batonOverride) {
    this.executable = List.copyOf(executable);
    this.compose = compose;
    this.batonOverride = batonOverride;
  }

  /**
   * Builds the services' images. Compose v1 builds one service after the other unless told {@code
   * --parallel} (about 20% faster for the demo's three images on two cores); v2 builds in parallel
   * anyway.
   */
  public List<String> build(List<String> services) {
    List<String> verb = isV1() ? List.of("build", "--parallel") : List.of("build");
    return withServices(base(), verb, services);
  }

  private boolean isV1() {
    return executable.size() == 1 && executable.get(0).endsWith("docker-compose");
  }

  /** Starts (or leaves running, when unchanged) the given services; never builds. */
  public List<String> up(List<String> services) {
    return withServices(base(), List.of("up", "-d", "--no-build", "--remove-orphans"), services);
  }

  /** Creates (or recreates, stopped) the services' containers without starting them. */
  public List<String> create(List<String> services) {
    return withServices(
        base(), List.of("up", "--no-start", "--no-build", "--remove-orphans"), services);
  }

  /**
   * Runs {@code service} once in a new container removed when it ends, without starting what it
   * depends on (the site's services run already; a smoke test must not start queue workers on a
   * standby) and without a TTY (its output is read, not watched).
   */
  public List<String> runOnce(String service) {
    return withServices(base(), List.of("run", "--rm", "--no-deps", "-T"), List.of(service));
  }

  /**
   * Starts {@code service} once in a container named {@code name}, in the background, without what
   * it depends on: the caller finds the container by its name, waits for it and reads its exit code
   * (a migration, which must never run twice).
   */
  public List<String> runDetached(String service, String name) {
    return withServices(
        base(), List.of("run", "-d", "--name", name, "--no-deps"), List.of(service));
  }

  private List<String> base() {
    List<String> args = new ArrayList<>(executable);
    args.addAll(List.of("--project-name", compose.projectName()));
    if (compose.envFile() != null) {
      args.addAll(List.of("--env-file", compose.workdir().resolve(compose.envFile()).toString()));
    }
    for (String file : compose.files()) {
      args.addAll(List.of("--file", compose.workdir().resolve(file).toString()));
    }
    args.addAll(List.of("--file", batonOverride.toString()));
    return args;
  }

  private static List<String> withServices(
      List<String> args, List<String> verb, List<String> services) {
    args.addAll(verb);
    args.addAll(services);
    return args;
  }
}
