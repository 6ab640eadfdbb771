package dev.baton.cli;

import dev.baton.worker.DevServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the in-memory Temporal service on 127.0.0.1 (--dev).",
      "It keeps NOTHING after it stops. Production uses a Temporal cluster: see",
      "docker-compose.dev.yml and the README."
    },
    footer = {"", "Example:", "  baton server --dev --port 7233"})
final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dev", required = true, description = "the in-memory development service")
  boolean dev;

  @Option(names = "--port", paramLabel = "PORT", description = "default: 7233")
  int port = 7233;

  @Override
  public Integer call() {
    DevServer server = DevServer.start(port);
    spec.commandLine()
        .getOut()
        .printf(
            "Temporal dev service on %s (in memory: everything is lost when it stops)%n",
            server.address());
    spec.commandLine().getOut().flush();
    UntilStopped.await(server::close);
    return ExitCodes.OK;
  }
}
