package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.worker.BatonWorkers;
import dev.baton.worker.DevServer;
import dev.baton.worker.MetricsEndpoint;
import dev.baton.worker.TemporalConnection;
import dev.baton.worker.WorkerRoles;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run the in-memory Temporal service and every worker in one process.",
      "All a new user needs besides Java and Docker. Nothing survives a stop; production uses",
      "a Temporal cluster."
    },
    footer = {
      "",
      "Examples:",
      "  baton dev -c examples/shop/baton.yml",
      "  baton dev --metrics-port 9464     # Prometheus metrics on 127.0.0.1:9464/metrics"
    })
final class DevCommand extends ProjectCommand {
  @Mixin MetricsOptions metricsOptions;
  @Mixin ReadyFileOption ready;

  @Option(names = "--port", paramLabel = "PORT", description = "default: 7233")
  int port = 7233;

  DevCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    BatonConfig config = loadConfig();
    DevServer server = DevServer.start(port, true);
    MetricsEndpoint metrics = metricsOptions.start(config);
    TemporalConnection connection =
        TemporalConnection.forProject(
            config,
            server.address(),
            context.env(),
            Duration.ofSeconds(5),
            metrics == null ? null : metrics.scope());
    WorkerFactory workers =
        BatonWorkers.start(
            connection.client(),
            config,
            WorkerRoles.all(config.siteIds()),
            context.activities().apply(config));
    server.workersStarted();
    out()
        .printf(
            "baton dev: Temporal on %s (in memory), workers for %s: control + %s (Ctrl-C to stop)%n",
            server.address(), config.project(), String.join(", ", config.siteIds()));
    WorkerCommand.printMetrics(spec, metrics);
    ready.signal(server.address());
    UntilStopped.await(
        () -> {
          ready.clear();
          WorkerCommand.stop(workers, connection, metrics);
          server.close();
        });
    return ExitCodes.OK;
  }
}
