package dev.baton.cli.monitor;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.Failures;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the monitor (signal `stop`) and wait until it has ended. A failover it started "
          + "keeps running. Not running: says so and exits 0."
    },
    footer = {"", "Example:", "  baton monitor stop"})
final class MonitorStop extends ProjectCommand {
  @Option(names = "--as", paramLabel = "NAME", description = "who stops it (default: $USER)")
  String by;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "how long to wait for the monitor to end (default: 60)")
  long timeoutSeconds = 60;

  MonitorStop(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      PrintWriter out = out();
      if (!Monitors.running(session.client(), project)) {
        out.printf("the monitor of %s is not running%n", project);
        return ExitCodes.OK;
      }
      String who = Identity.of(by, context);
      Monitors.stub(session.client(), project).stop(who);
      out.printf("stop requested for the monitor of %s as %s%n", project, who);
      out.flush();
      // Without a run id the stub follows continue-as-new to the run that ends.
      WorkflowStub stub = session.client().newUntypedWorkflowStub(Names.monitorWorkflowId(project));
      try {
        stub.getResult(timeoutSeconds, TimeUnit.SECONDS, Void.class);
      } catch (WorkflowFailedException e) {
        throw new BatonCliException(
            ExitCodes.FAILED, "the monitor of " + project + " ended with: " + Failures.reason(e));
      } catch (TimeoutException e) {
        throw new BatonCliException(
            ExitCodes.FAILED,
            "the monitor of "
                + project
                + " is still running after "
                + timeoutSeconds
                + "s; is a control worker running? see `baton monitor status`");
      }
      out.printf("the monitor of %s has stopped%n", project);
      return ExitCodes.OK;
    }
  }
}
