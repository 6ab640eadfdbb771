package dev.baton.worker;

import com.uber.m3.tally.Scope;
import dev.baton.config.BatonConfig;
import dev.baton.config.TemporalConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Map;

/** A connection to a Temporal service, checked when it is made so errors come early and clear. */
public final class TemporalConnection implements AutoCloseable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client) {
    this.stubs = stubs;
    this.client = client;
  }

  /**
   * @throws TemporalUnreachableException naming the address when the service does not answer
   */
  public static TemporalConnection connect(String address, String namespace, Duration timeout) {
    return open(
        address,
        new TemporalConfig(address, namespace),
        Map.of(),
        timeout,
        DefaultDataConverter.newDefaultInstance(),
        null);
  }

  /**
   * The project's connection at {@code address}: its namespace, TLS and API key, and its payload
   * encryption when baton.yml names keys (the CLI and every worker must use the same keys).
   *
   * @param metrics where the client and the workers built on it report, e.g. {@link
   *     MetricsEndpoint#scope()}; null reports nothing
   */
  public static TemporalConnection forProject(
      BatonConfig config, String address, Map<String, String> env, Duration timeout) {
    return forProject(config, address, env, timeout, null);
  }

  /** The same, reporting the client's and its workers' metrics to {@code metrics}. */
  public static TemporalConnection forProject(
      BatonConfig config,
      String address,
      Map<String, String> env,
      Duration timeout,
      Scope metrics) {
    return open(
        address,
        config.temporal(),
        env,
        timeout,
        PayloadEncryption.dataConverter(PayloadKeys.from(config.temporal(), env)),
        metrics);
  }

  private static TemporalConnection open(
      String address,
      TemporalConfig temporal,
      Map<String, String> env,
      Duration timeout,
      DataConverter converter,
      Scope metrics) {
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (metrics != null) {
      builder.setMetricsScope(metrics);
    }
    TemporalSecurity.apply(temporal, env, builder);
    WorkflowServiceStubsOptions options = builder.build();
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(options, timeout);
    } catch (RuntimeException e) {
      throw new TemporalUnreachableException(address, temporal, e);
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(temporal.namespace())
                .setDataConverter(converter)
                .build());
    return new TemporalConnection(stubs, client);
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdown();
  }
}
