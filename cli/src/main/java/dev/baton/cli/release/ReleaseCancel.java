package dev.baton.cli.release;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.Failures;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.release.ReleaseProgress;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel the running release. Before the switch traffic is untouched; during the switch or",
      "the bake traffic moves back to the site that was active."
    },
    footer = {"", "Example:", "  baton release cancel"})
final class ReleaseCancel extends ProjectCommand {
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "how long to wait for the release to wind down (default: 120)")
  long timeoutSeconds = 120;

  ReleaseCancel(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      ReleaseProgress progress = Releases.running(session.client(), project, "nothing to cancel");
      WorkflowStub stub = WorkflowStub.fromTyped(Releases.stub(session.client(), project));
      stub.cancel();
      out().printf("cancel requested for release %s of %s%n", progress.version(), project);
      try {
        stub.getResult(timeoutSeconds, TimeUnit.SECONDS, Object.class);
      } catch (WorkflowFailedException e) {
        out()
            .println(
                Releases.latest(session.client(), project)
                    .map(ReleaseProgress::message)
                    .orElse(Failures.reason(e)));
        return ExitCodes.OK;
      } catch (TimeoutException e) {
        throw new BatonCliException(
            ExitCodes.FAILED,
            "the release has not ended after "
                + timeoutSeconds
                + "s; is a control worker running? see `baton release status`");
      }
      out().println("the release had already finished");
      return ExitCodes.OK;
    }
  }
}
