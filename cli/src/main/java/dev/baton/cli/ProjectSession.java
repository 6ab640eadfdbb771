package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.worker.TemporalConnection;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/** A loaded baton.yml and a live connection to its Temporal service, for one command. */
public final class ProjectSession implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private final BatonConfig config;
  private final TemporalConnection connection;

  private ProjectSession(BatonConfig config, TemporalConnection connection) {
    this.config = config;
    this.connection = connection;
  }

  public static ProjectSession open(ConfigOptions options, BatonContext context) {
    BatonConfig config = options.load(context);
    TemporalConnection connection =
        TemporalConnection.forProject(
            config, config.temporal().address(), context.env(), CONNECT_TIMEOUT);
    return new ProjectSession(config, connection);
  }

  public BatonConfig config() {
    return config;
  }

  public WorkflowClient client() {
    return connection.client();
  }

  @Override
  public void close() {
    connection.close();
  }
}
