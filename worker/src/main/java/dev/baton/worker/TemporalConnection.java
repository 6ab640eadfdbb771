package dev.baton.worker;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

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
    return connect(address, namespace, timeout, null);
  }

  /**
   * @param metrics where the client and the workers built on it report, e.g. {@link
   *     MetricsEndpoint#scope()}; null reports nothing
   */
  public static TemporalConnection connect(
      String address, String namespace, Duration timeout, Scope metrics) {
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (metrics != null) {
      builder.setMetricsScope(metrics);
    }
    WorkflowServiceStubsOptions options = builder.build();
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(options, timeout);
    } catch (RuntimeException e) {
      throw new TemporalUnreachableException(address, e);
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
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
