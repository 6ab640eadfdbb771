package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.config.MetricsConfig;
import dev.baton.config.SiteConfig;
import dev.baton.site.SiteActivities;
import dev.baton.testing.FakeWorld;
import dev.baton.worker.ActivityProvider;
import dev.baton.worker.BatonWorkers;
import dev.baton.worker.DevServer;
import dev.baton.worker.MetricsEndpoint;
import dev.baton.worker.TemporalConnection;
import dev.baton.worker.WorkerRoles;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The embedded Temporal service over real gRPC, a worker whose activities are a {@link FakeWorld},
 * and a baton.yml pointing at both: what CLI tests run {@code baton} against.
 */
final class CliHarness implements AutoCloseable {
  final FakeWorld world = new FakeWorld();
  final Path config;
  private final DevServer server;
  private final TemporalConnection connection;
  private final WorkerFactory workers;
  private final Function<BatonConfig, ActivityProvider> activities;

  /** The worker's Prometheus endpoint, or null when it serves none. */
  final MetricsEndpoint metrics;

  /** A generated baton.yml and a {@link FakeWorld} behind the activities. */
  CliHarness(Path dir) throws IOException {
    this(writeConfig(dir), null, null);
  }

  /** As {@link #CliHarness(Path)}, with a worker that serves {@code metrics}. */
  static CliHarness withMetrics(Path dir, MetricsConfig metrics) throws IOException {
    return new CliHarness(writeConfig(dir), null, metrics);
  }

  /** As {@link #CliHarness(Path)}, with the service on {@code port}. */
  static CliHarness onPort(Path dir, int port) throws IOException {
    return new CliHarness(writeConfig(dir), null, null, port);
  }

  /** The given baton.yml; {@code activities} null means the fake world. */
  CliHarness(Path config, Function<BatonConfig, ActivityProvider> activities) {
    this(config, activities, null);
  }

  /**
   * As {@link #CliHarness(Path, Function)}, but no in-process worker serves the queues of {@code
   * outsideSites}: a worker in another process (a container) is to serve them.
   */
  static CliHarness withOutsideSites(
      Path config, Function<BatonConfig, ActivityProvider> activities, Set<String> outsideSites) {
    return new CliHarness(config, activities, null, 0, outsideSites);
  }

  private CliHarness(
      Path config, Function<BatonConfig, ActivityProvider> activities, MetricsConfig metrics) {
    this(config, activities, metrics, 0);
  }

  private CliHarness(
      Path config,
      Function<BatonConfig, ActivityProvider> activities,
      MetricsConfig metrics,
      int port) {
    this(config, activities, metrics, port, Set.of());
  }

  private CliHarness(
      Path config,
      Function<BatonConfig, ActivityProvider> activities,
      MetricsConfig metrics,
      int port,
      Set<String> outsideSites) {
    this.server = DevServer.start(port);
    this.config = config;
    this.activities = activities == null ? c -> fakeProvider() : activities;
    this.metrics = metrics == null ? null : MetricsEndpoint.start(metrics);
    BatonConfig loaded = ConfigLoader.load(config, env());
    connection =
        TemporalConnection.forProject(
            loaded,
            server.address(),
            env(),
            Duration.ofSeconds(5),
            this.metrics == null ? null : this.metrics.scope());
    workers =
        BatonWorkers.start(
            connection.client(),
            loaded,
            new WorkerRoles(
                true, loaded.siteIds().stream().filter(id -> !outsideSites.contains(id)).toList()),
            this.activities.apply(loaded));
  }

  static Path writeConfig(Path dir) throws IOException {
    Path file = dir.resolve("baton.yml");
    Files.writeString(file, yaml("127.0.0.1:7233"));
    return file;
  }

  /** What every `baton` run here sees: the config, the dev service, and carol as $USER. */
  Map<String, String> env() {
    return Map.of(
        "BATON_CONFIG",
        config.toString(),
        "USER",
        "carol",
        "BATON_TEMPORAL_ADDRESS",
        server.address());
  }

  record Run(int code, String out, String err) {}

  /** Asserts that {@code run} exited 0, showing its output when it did not. */
  static Run ok(Run run) {
    assertThat(run.code()).as("out:\n%s\nerr:\n%s", run.out(), run.err()).isZero();
    return run;
  }

  /** Polls `baton release status` until {@code until} holds (at most 30 s); returns that run. */
  Run awaitStatus(java.util.function.Predicate<Run> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Run run = baton("release", "status");
    while (!until.test(run) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = baton("release", "status");
    }
    assertThat(until.test(run))
        .as("status reached the condition:\n%s%s", run.out(), run.err())
        .isTrue();
    return run;
  }

  /** Until `baton release status` prints {@code text}. */
  Run awaitStatus(String text) {
    return awaitStatus(run -> run.out().contains(text));
  }

  io.temporal.client.WorkflowClient client() {
    return connection.client();
  }

  Run baton(String... args) {
    return baton(env(), args);
  }

  /** As {@link #baton(String...)}, telling {@code onErr} everything written to stderr so far. */
  Run baton(java.util.function.Consumer<String> onErr, String... args) {
    StringWriter err =
        new StringWriter() {
          @Override
          public void write(String text, int offset, int length) {
            super.write(text, offset, length);
            onErr.accept(toString());
          }
        };
    return baton(env(), err, args);
  }

  Run baton(Map<String, String> env, String... args) {
    return baton(env, new StringWriter(), args);
  }

  private Run baton(Map<String, String> env, StringWriter err, String... args) {
    StringWriter out = new StringWriter();
    BatonContext context = new BatonContext(env, config.getParent(), activities);
    int code = Baton.run(context, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private ActivityProvider fakeProvider() {
    return new ActivityProvider() {
      @Override
      public SiteActivities site(SiteConfig site) {
        return world.site(site.id());
      }

      @Override
      public List<Object> control() {
        return List.of(world);
      }
    };
  }

  static String yaml(String temporalAddress) {
    return """
        project: shop
        temporal:
          address: %s  # BATON_TEMPORAL_ADDRESS overrides it
        sites:
          - id: primary
            docker: unix:///tmp/none/primary.sock
            compose:
              workdir: .
              files: [docker-compose.yml, docker-compose.primary.yml]
            health:
              api: http://127.0.0.1:3000/health
          - id: secondary
            docker: unix:///tmp/none/secondary.sock
            compose:
              workdir: .
              files: [docker-compose.yml, docker-compose.secondary.yml]
            health:
              api: http://127.0.0.1:3001/health
        router:
          type: nginx
          upstreamFile: upstream.conf
          nginxConfig: nginx.conf
          frontUrl: http://127.0.0.1:8080/
          upstreams:
            primary: 127.0.0.1:3000
            secondary: 127.0.0.1:3001
        release:
          approval:
            steps: [switch]
            approvers: [alice, bob, carol]
            fourEyes: true
          bake: 1s
          probeInterval: 500ms
        """
        .formatted(temporalAddress);
  }

  @Override
  public void close() {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    connection.close();
    server.close();
    if (metrics != null) {
      metrics.close();
    }
  }
}
