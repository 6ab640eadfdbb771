package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.MetricsConfig;
import dev.baton.worker.MetricsEndpoint;
import picocli.CommandLine.Option;

/** {@code --metrics-port}, for the commands that run workers; it overrides {@code metrics.port}. */
final class MetricsOptions {
  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "serve Prometheus metrics at http://HOST:PORT/metrics (HOST: metrics.host, default"
              + " 127.0.0.1; 0 picks a free port; default: metrics.port, else off)")
  Integer port;

  /** The endpoint the config and the flag ask for, started; null when metrics are off. */
  MetricsEndpoint start(BatonConfig config) {
    MetricsConfig metrics = config.metrics() == null ? MetricsConfig.off() : config.metrics();
    if (port != null) {
      metrics = metrics.withPort(port);
    }
    return metrics.enabled() ? MetricsEndpoint.start(metrics) : null;
  }
}
