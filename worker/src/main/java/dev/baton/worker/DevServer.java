package dev.baton.worker;

import dev.baton.config.TemporalConfig;
import dev.baton.release.ReleaseSearchAttributes;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The in-memory Temporal service from temporal-testing, served over real gRPC on 127.0.0.1. It
 * keeps nothing after it stops: it is for development, demos and tests; production points baton at
 * a Temporal cluster.
 *
 * <p>{@code TestServer.createPortBoundServer} binds every interface; this does the same wiring but
 * binds loopback only, so a dev service is never reachable from the network.
 *
 * <p>It registers baton's search attributes (BatonProject, BatonVersion, BatonStep) at start, so a
 * project with {@code temporal.searchAttributes: true} works against it as against a cluster where
 * an operator registered them.
 *
 * <p>Two things it does unlike the bare test server: it ignores sticky execution, so a killed
 * worker can be replaced ({@link NoStickyExecution}), and it answers DescribeTaskQueue with the
 * pollers of a queue, so the CLI can say at once that no worker serves one ({@link
 * TaskQueuePollers}).
 */
public final class DevServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;

  private DevServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /** Starts the service; port 0 picks a free one. Real time: timers are not skipped. */
  public static DevServer start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    builder.intercept(new NoStickyExecution()).intercept(new TaskQueuePollers());
    DevServer dev;
    try {
      dev = new DevServer(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "cannot start the dev Temporal service on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    dev.registerSearchAttributes();
    return dev;
  }

  /** What {@code temporal operator search-attribute create} does on a real server. */
  private void registerSearchAttributes() {
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace(TemporalConfig.DEFAULT_NAMESPACE);
    for (SearchAttributeKey<String> key :
        List.of(
            ReleaseSearchAttributes.PROJECT,
            ReleaseSearchAttributes.VERSION,
            ReleaseSearchAttributes.STEP)) {
      request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address())
                .validateAndBuildWithDefaults());
    try {
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  public int port() {
    return server.getPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.shutdownNow();
    services.close();
  }
}
