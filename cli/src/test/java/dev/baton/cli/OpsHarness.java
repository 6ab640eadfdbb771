package dev.baton.cli;

import dev.baton.Names;
import dev.baton.worker.DevServer;
import dev.baton.worker.TemporalConnection;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded Temporal service over real gRPC, a control worker running the {@link OpsFakes}, and
 * a baton.yml pointing at it: what tests of `baton failover|monitor|drill` run against. A JUnit
 * extension: {@code @RegisterExtension final OpsHarness harness = new OpsHarness();} gives each
 * test a fresh one.
 */
final class OpsHarness implements BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private Path config;
  private DevServer server;
  private TemporalConnection connection;
  private WorkerFactory workers;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("baton-ops");
    server = DevServer.start(0);
    config = dir.resolve("baton.yml");
    Files.writeString(config, CliHarness.yaml("127.0.0.1:7233"));
    connection = TemporalConnection.connect(server.address(), "default", Duration.ofSeconds(5));
    workers = WorkerFactory.newInstance(connection.client());
    Worker control = workers.newWorker(Names.controlQueue("shop"));
    control.registerWorkflowImplementationTypes(
        OpsFakes.Failover.class, OpsFakes.Drill.class, OpsFakes.Monitor.class);
    workers.start();
  }

  WorkflowClient client() {
    return connection.client();
  }

  Map<String, String> env() {
    return Map.of(
        "BATON_CONFIG",
        config.toString(),
        "USER",
        "carol",
        "BATON_TEMPORAL_ADDRESS",
        server.address());
  }

  CliHarness.Run baton(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    BatonContext context = new BatonContext(env(), config.getParent(), c -> null);
    int code = Baton.run(context, new PrintWriter(out), new PrintWriter(err), args);
    return new CliHarness.Run(code, out.toString(), err.toString());
  }

  /** How the workflow's latest run (or {@code runId}) was started: its input, cron, type. */
  WorkflowExecutionStartedEventAttributes started(String workflowId, String runId) {
    return client()
        .fetchHistory(workflowId, runId)
        .getHistory()
        .getEvents(0)
        .getWorkflowExecutionStartedEventAttributes();
  }

  /** The first argument the workflow was started with. */
  <T> T input(String workflowId, Class<T> type) {
    return client()
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(started(workflowId, null).getInput()), type, type);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    connection.close();
    server.close();
    Files.delete(config);
    Files.delete(dir);
  }
}
