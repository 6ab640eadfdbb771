package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.worker.ActivityProvider;
import dev.baton.worker.RealActivities;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command needs from the outside world, so tests can give it their own: the environment, the
 * working directory and the activities a worker registers.
 */
public record BatonContext(
    Map<String, String> env, Path cwd, Function<BatonConfig, ActivityProvider> activities) {

  public static BatonContext system() {
    return of(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** A real call's context with another environment and directory (the CLI daemon's calls). */
  public static BatonContext of(Map<String, String> env, Path cwd) {
    return new BatonContext(env, cwd, RealActivities::new);
  }
}
