package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.worker.BatonWorkers;
import dev.baton.worker.MetricsEndpoint;
import dev.baton.worker.TemporalConnection;
import dev.baton.worker.WorkerRoles;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker for some or all roles (default: all).",
      "A site worker runs next to that site's Docker engine; the control worker runs the",
      "workflows, the router, the databases and the probes."
    },
    footer = {
      "",
      "Examples:",
      "  baton worker                      # all roles in one process",
      "  baton worker --site primary       # on site primary's deploy server",
      "  baton worker --control",
      "  baton worker --metrics-port 9464         # Prometheus: curl 127.0.0.1:9464/metrics"
    })
final class WorkerCommand extends ProjectCommand {
  @Mixin MetricsOptions metricsOptions;
  @Mixin ReadyFileOption ready;

  @Option(names = "--site", paramLabel = "ID", description = "serve this site's queue (repeatable)")
  List<String> sites = new ArrayList<>();

  static final Duration SERVER_WAIT = Duration.ofMinutes(2);

  @Option(names = "--control", description = "serve the control queue")
  boolean control;

  WorkerCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    BatonConfig config = loadConfig();
    sites.forEach(config::site); // unknown ids fail here, naming the known ones
    WorkerRoles roles =
        sites.isEmpty() && !control
            ? WorkerRoles.all(config.siteIds())
            : new WorkerRoles(control, List.copyOf(sites));
    MetricsEndpoint metrics = metricsOptions.start(config);
    TemporalConnection connection =
        TemporalConnection.forProject(
            config,
            config.temporal().address(),
            context.env(),
            // A worker starts beside its server (systemd, compose), which may take a minute to
            // answer; a worker that gave up after seconds would only be restarted in a loop.
            SERVER_WAIT,
            metrics == null ? null : metrics.scope(),
            waiting -> {
              spec.commandLine().getErr().println("baton worker: " + waiting);
              spec.commandLine().getErr().flush();
            });
    WorkerFactory workers =
        BatonWorkers.start(connection.client(), config, roles, context.activities().apply(config));
    out()
        .printf(
            "baton worker for %s on %s: %s (Ctrl-C to stop)%n",
            config.project(), config.temporal().address(), roles.describe());
    printMetrics(spec, metrics);
    ready.signal(config.temporal().address());
    UntilStopped.await(
        () -> {
          ready.clear();
          stop(workers, connection, metrics);
        });
    return ExitCodes.OK;
  }

  static void printMetrics(CommandSpec spec, MetricsEndpoint metrics) {
    if (metrics != null) {
      spec.commandLine().getOut().printf("metrics on %s%n", metrics.url());
    }
    spec.commandLine().getOut().flush();
  }

  static void stop(WorkerFactory workers, TemporalConnection connection, MetricsEndpoint metrics) {
    // Let running activities finish their current call; Temporal retries what does not.
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    connection.close();
    if (metrics != null) {
      metrics.close();
    }
  }
}
