package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.worker.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.time.Duration;
import java.util.function.Consumer;

/** A loaded baton.yml and a live connection to its Temporal service, for one command. */
public final class ProjectSession implements AutoCloseable {
  /**
   * Long enough for {@code baton dev &} started a moment before (10-15 s on two busy cores), short
   * enough that a service that is not running is reported soon; the wait is announced after 1 s.
   */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

  private final BatonConfig config;
  private final TemporalConnection connection;
  private final WorkflowClient client;

  private ProjectSession(BatonConfig config, TemporalConnection connection) {
    this.config = config;
    this.connection = connection;
    WorkflowClient plain = connection.client();
    ControlWorkerCheck check =
        new ControlWorkerCheck(
            plain.getWorkflowServiceStubs(), config.temporal().namespace(), config.project());
    this.client =
        WorkflowClient.newInstance(
            plain.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder(plain.getOptions()).setInterceptors(check).build());
  }

  public static ProjectSession open(ConfigOptions options, BatonContext context) {
    BatonConfig config = options.load(context);
    // A service that is still starting is waited for, and the command's stderr says so.
    Consumer<String> waiting =
        text -> {
          options.err().println("baton: " + text);
          options.err().flush();
        };
    TemporalConnection connection =
        TemporalConnection.forProject(
            config, config.temporal().address(), context.env(), CONNECT_TIMEOUT, null, waiting);
    return new ProjectSession(config, connection);
  }

  public BatonConfig config() {
    return config;
  }

  /**
   * The project's client. What needs a control worker (a start on the control queue, a query, an
   * Update, a signal, a cancellation) fails at once with {@link NoControlWorkerException} when none
   * polls the control queue.
   */
  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    connection.close();
  }
}
