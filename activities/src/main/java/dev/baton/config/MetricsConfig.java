package dev.baton.config;

/**
 * Where a worker serves Prometheus metrics ({@code GET /metrics}); off unless a port is set.
 *
 * @param host the address to bind; loopback unless the operator opens it on purpose
 * @param port the port, or null when the worker serves no metrics
 */
public record MetricsConfig(String host, Integer port) {

  public static final String DEFAULT_HOST = "127.0.0.1";

  public static MetricsConfig off() {
    return new MetricsConfig(DEFAULT_HOST, null);
  }

  public boolean enabled() {
    return port != null;
  }

  /** The same host with {@code newPort} (0: any free port), as {@code --metrics-port} sets it. */
  public MetricsConfig withPort(int newPort) {
    return new MetricsConfig(host, newPort);
  }
}
