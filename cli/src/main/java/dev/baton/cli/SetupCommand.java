package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.worker.SearchAttributesSetup;
import dev.baton.worker.TemporalConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code baton setup}: what a real Temporal server needs before baton uses it, today the search
 * attributes releases set. Safe to run again: it registers only what is missing.
 */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Register baton's search attributes (BatonProject, BatonVersion, BatonStep, Keyword) in the"
          + " namespace of temporal.address, through the operator service; those present are left"
          + " alone. Temporal Cloud refuses this call: use tcld (docs/config.md)."
    },
    footer = {
      "",
      "Example:",
      "  docker-compose -f docker-compose.dev.yml up -d && baton setup",
    })
final class SetupCommand extends ProjectCommand {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  SetupCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    BatonConfig config = loadConfig();
    PrintWriter out = out();
    String namespace = config.temporal().namespace();
    // A server that docker-compose has just started takes a while to answer: wait, saying so.
    try (TemporalConnection connection =
        TemporalConnection.forProject(
            config,
            config.temporal().address(),
            context.env(),
            CONNECT_TIMEOUT,
            null,
            waiting -> {
              options.err().println("baton: " + waiting);
              options.err().flush();
            })) {
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder(
                      connection.client().getWorkflowServiceStubs().getOptions())
                  .validateAndBuildWithDefaults());
      try {
        List<String> lines = SearchAttributesSetup.ensure(operator, namespace);
        out.printf(
            "search attributes in namespace %s on %s:%n", namespace, config.temporal().address());
        lines.forEach(line -> out.println("  " + line));
        if (!config.temporal().searchAttributes()) {
          out.println(
              "releases set them once baton.yml says temporal.searchAttributes: true"
                  + " (docs/config.md)");
        }
        return ExitCodes.OK;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED
            || e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
          throw new BatonCliException(
              ExitCodes.REFUSED,
              "the server refused to register search attributes ("
                  + e.getStatus().getCode()
                  + "): on Temporal Cloud add them with tcld (docs/config.md), elsewhere ask"
                  + " its operator");
        }
        throw e;
      } finally {
        operator.shutdownNow();
      }
    }
  }
}
