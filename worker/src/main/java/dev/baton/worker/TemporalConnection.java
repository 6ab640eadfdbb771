package dev.baton.worker;

import com.uber.m3.tally.Scope;
import dev.baton.config.BatonConfig;
import dev.baton.config.TemporalConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A connection to a Temporal service, checked when it is made so errors come early and clear. */
public final class TemporalConnection implements AutoCloseable {
  /** One try never outlasts the whole wait (a server that accepts and never answers). */
  private static final Duration ATTEMPT = Duration.ofSeconds(2);

  /** How long a service must be silent before {@code waiting} hears of it. */
  private static final Duration QUIET = Duration.ofSeconds(1);

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
        null,
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
    return forProject(config, address, env, timeout, metrics, null);
  }

  /**
   * The same; a service that is not there yet (still starting) is waited for up to {@code timeout},
   * and {@code waiting} (when not null) is told once, after a second, what it waits for.
   */
  public static TemporalConnection forProject(
      BatonConfig config,
      String address,
      Map<String, String> env,
      Duration timeout,
      Scope metrics,
      Consumer<String> waiting) {
    return open(
        address,
        config.temporal(),
        env,
        timeout,
        PayloadEncryption.dataConverter(
            PayloadKeys.from(config.temporal(), env),
            config.temporal().acceptUnencryptedPayloads()),
        metrics,
        waiting);
  }

  private static TemporalConnection open(
      String address,
      TemporalConfig temporal,
      Map<String, String> env,
      Duration timeout,
      DataConverter converter,
      Scope metrics,
      Consumer<String> waiting) {
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (metrics != null) {
      builder.setMetricsScope(metrics);
    }
    TemporalSecurity.apply(temporal, env, builder);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(builder.build());
    try {
      awaitHealthy(stubs, timeout, address, waiting);
    } catch (RuntimeException e) {
      stubs.shutdownNow();
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

  /**
   * Asks until the service answers or {@code timeout} passes, as the SDK's connected stubs do,
   * except that only a service that is not there (yet) is asked again. A failed TLS handshake or
   * refused credentials fail at once: they fail the same way on every try, and an operator waited
   * the whole timeout (and then some) to read why.
   */
  private static void awaitHealthy(
      WorkflowServiceStubs stubs, Duration timeout, String address, Consumer<String> waiting) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Duration attempt = timeout.compareTo(ATTEMPT) < 0 ? timeout : ATTEMPT;
    boolean told = false;
    while (true) {
      try {
        // Not the SDK's health check: it waits for the channel to be ready, so a failed handshake
        // only shows as its deadline passing. This call fails with the handshake's own error.
        stubs
            .blockingStub()
            .withDeadlineAfter(attempt.toMillis(), TimeUnit.MILLISECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (StatusRuntimeException e) {
        if (!worthAnotherTry(e) || System.nanoTime() > deadline) {
          throw e;
        }
        if (!told && waiting != null && System.nanoTime() - start > QUIET.toNanos()) {
          told = true;
          waiting.accept(
              "waiting up to "
                  + timeout.toSeconds()
                  + "s for Temporal at "
                  + address
                  + " ("
                  + e.getStatus().getCode()
                  + ": is it starting?)");
        }
      }
      try {
        Thread.sleep(100); // between tries while the service starts up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
      }
    }
  }

  private static boolean worthAnotherTry(StatusRuntimeException e) {
    if (TemporalUnreachableException.find(e, javax.net.ssl.SSLException.class) != null) {
      return false;
    }
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdown();
  }
}
