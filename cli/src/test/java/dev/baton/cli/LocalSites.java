package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.EnvLock;
import dev.baton.testing.RealEnvironment;
import dev.baton.worker.RealActivities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local two-site environment of {@code scripts/env}: two Docker engines, nginx (or haproxy:
 * {@link #withRouter}) as the router and a git repository with tags v1 and v2. Brought up before a
 * test class (recovering from any earlier run's leftovers) and torn down after it, so nothing
 * outlives the tests. Registered with a baton.yml ({@code @RegisterExtension static final
 * LocalSites sites = new LocalSites(CONFIG)}), it also runs baton on it: the embedded Temporal
 * service and workers with the real activities.
 */
public final class LocalSites implements BeforeAllCallback, AfterAllCallback {
  public static final Path ROOT = repoRoot();
  public static final Path CONFIG = ROOT.resolve("examples/shop/baton.yml");
  public static final Path STATE = Path.of("/tmp/baton-env");
  public static final Path HAPROXY_CONFIG = ROOT.resolve("examples/shop/baton-haproxy.yml");

  private final Path config;
  private final String router;
  private final Set<String> outsideSites;
  private final boolean freshEngines;
  private CliHarness harness;
  private boolean locked;

  /** The environment only ({@code @ExtendWith(LocalSites.class)}). */
  public LocalSites() {
    this(null);
  }

  /** The environment, and baton with this baton.yml on it. */
  public LocalSites(Path config) {
    this(config, "nginx", Set.of(), false);
  }

  private LocalSites(Path config, String router, Set<String> outsideSites, boolean freshEngines) {
    this.config = config;
    this.router = router;
    this.outsideSites = Set.copyOf(outsideSites);
    this.freshEngines = freshEngines;
  }

  /**
   * The environment on engines without the images an earlier class kept ({@code down
   * --keep-images}), and baton with this baton.yml on it: for tests that assert what the engines
   * built or pulled themselves.
   */
  public static LocalSites withFreshEngines(Path config) {
    return new LocalSites(config, "nginx", Set.of(), true);
  }

  /**
   * The environment with {@code router} ({@code nginx} or {@code haproxy}: scripts/env's
   * BATON_ROUTER) in front of the sites, and baton with this baton.yml on it.
   */
  public static LocalSites withRouter(String router, Path config) {
    return new LocalSites(config, router, Set.of(), false);
  }

  /**
   * The environment, and baton with this baton.yml on it, but with no in-process worker for {@code
   * site}'s queue: the test runs that site's worker elsewhere (as a container on its engine).
   */
  public static LocalSites withOutsideSiteWorker(Path config, String site) {
    return new LocalSites(config, "nginx", Set.of(site), false);
  }

  /** Runs {@code baton} against the environment, with the real activities. */
  CliHarness harness() {
    return harness;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    RealEnvironment.assumeUsable(context.getRequiredTestClass());
    EnvLock.acquire();
    locked = true;
    if (freshEngines) {
      env("down"); // a plain down removes the kept images
    }
    env(Map.of("BATON_ROUTER", router), "up");
    if (config != null) {
      harness = CliHarness.withOutsideSites(config, RealActivities::new, outsideSites);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!locked) {
      return; // skipped here: nothing was started
    }
    locked = false;
    try {
      if (harness != null) {
        harness.close();
      }
    } finally {
      try {
        // The next class's up starts the engines on this one's images; the JVM's exit removes
        // them (purgeImagesAtExit), so nothing outlives the tests.
        env("down", "--keep-images");
        purgeImagesAtExit();
      } finally {
        EnvLock.release();
      }
    }
  }

  /**
   * A copy of {@code config} beside it (its relative paths still resolve), with {@code lines} added
   * under {@code release:}; removed when the JVM exits. E.g. a short {@code outageWait} for a test
   * that stops an engine on purpose and would otherwise wait the default 3 minutes.
   */
  public static Path withRelease(Path config, String... lines) {
    try {
      String text = Files.readString(config);
      String added =
          "release:\n"
              + String.join("", java.util.Arrays.stream(lines).map(l -> "  " + l + "\n").toList());
      if (!text.contains("\nrelease:\n")) {
        throw new IllegalArgumentException(config + " has no release: section");
      }
      Path copy = Files.createTempFile(config.getParent(), ".test-", ".yml");
      copy.toFile().deleteOnExit();
      Files.writeString(copy, text.replace("\nrelease:\n", "\n" + added));
      return copy;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean purgeRegistered;

  /**
   * Once per JVM: at its exit, a plain {@code down} removes the kept images, under the lock. If
   * another run holds the lock for long, they stay: its {@code up} reuses them, a plain {@code
   * down} removes them.
   */
  private static synchronized void purgeImagesAtExit() {
    if (purgeRegistered) {
      return;
    }
    purgeRegistered = true;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    ProcessRunner.run(
                        List.of(
                            "flock",
                            "-w",
                            "20",
                            EnvLock.FILE,
                            "bash",
                            ROOT.resolve("scripts/env").toString(),
                            "down"),
                        ROOT,
                        Map.of(),
                        Duration.ofMinutes(2)),
                "baton-env-purge"));
  }

  public static CommandResult env(String... verbAndArgs) {
    return env(Map.of(), verbAndArgs);
  }

  /** {@code scripts/env} with more environment variables (e.g. BATON_ROUTER). */
  public static CommandResult env(Map<String, String> environment, String... verbAndArgs) {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", ROOT.resolve("scripts/env").toString()));
    command.addAll(List.of(verbAndArgs));
    String verb = String.join(" ", verbAndArgs);
    CommandResult result = ProcessRunner.run(command, ROOT, environment, Duration.ofMinutes(10));
    assertThat(result.exitCode()).as("scripts/env %s:\n%s", verb, result.output()).isZero();
    return result;
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/env"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "cannot find scripts/env above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
