package dev.baton.worker;

import dev.baton.config.TemporalConfig;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

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
  private final TaskQueuePollers pollers;

  private DevServer(TestServicesStarter services, Server server, TaskQueuePollers pollers) {
    this.services = services;
    this.server = server;
    this.pollers = pollers;
  }

  /** Starts the service; port 0 picks a free one. Real time: timers are not skipped. */
  public static DevServer start(int port) {
    return start(port, false);
  }

  /**
   * As {@link #start(int)}; with {@code workersFollow} (baton dev), "does anyone poll this queue?"
   * is answered "cannot tell" until {@link #workersStarted}, so a command run at once does not hear
   * "no worker" from a service whose workers are a few seconds away.
   */
  public static DevServer start(int port, boolean workersFollow) {
    DevServer dev = launch(port, workersFollow);
    dev.registerSearchAttributes();
    return dev;
  }

  /** The service without baton's search attributes, as a real server is before {@code setup}. */
  static DevServer launch(int port, boolean workersFollow) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    TaskQueuePollers pollers = new TaskQueuePollers();
    pollers.workersStarting(workersFollow);
    builder.intercept(new NoStickyExecution()).intercept(pollers);
    DevServer dev;
    try {
      dev = new DevServer(services, builder.build().start(), pollers);
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "cannot start the dev Temporal service on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    return dev;
  }

  /** What {@code baton setup} does on a real server. */
  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address())
                .validateAndBuildWithDefaults());
    try {
      SearchAttributesSetup.ensure(operator, TemporalConfig.DEFAULT_NAMESPACE);
    } finally {
      operator.shutdownNow();
    }
  }

  /** The workers poll now: DescribeTaskQueue answers with them again. */
  public void workersStarted() {
    pollers.workersStarting(false);
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
