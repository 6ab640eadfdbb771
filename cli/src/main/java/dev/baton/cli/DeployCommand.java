package dev.baton.cli;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.config.BatonConfig;
import dev.baton.deploy.DeployWorkflow;
import dev.baton.deploy.SiteDeployRequest;
import dev.baton.site.DeployResult;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "deploy",
    description = "Deploy a version to one site, keeping its role (initial set-up of a site).",
    footer = {
      "",
      "Releases deploy for you; use this to set a site up, like the guide's ./deploy.sh SITE.",
      "",
      "Example:",
      "  baton deploy --site primary --version v1"
    })
final class DeployCommand extends ProjectCommand {
  @Option(names = "--site", required = true, paramLabel = "ID", description = "the site")
  String site;

  @Mixin VersionOptions version;

  DeployCommand(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    String version = this.version.version();
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      try {
        config.site(site);
      } catch (IllegalArgumentException e) {
        throw new BatonCliException(ExitCodes.BAD_INPUT, e.getMessage());
      }
      DeployWorkflow deploy =
          session
              .client()
              .newWorkflowStub(
                  DeployWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(Names.deployWorkflowId(config.project(), site))
                      .setTaskQueue(Names.controlQueue(config.project()))
                      .build());
      out().printf("deploying %s to %s...%n", version, site);
      out().flush();
      try {
        DeployResult result =
            deploy.run(
                new SiteDeployRequest(
                    config.project(), site, version, config.release().deployTimeout()));
        out().println(result.message());
        return ExitCodes.OK;
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw new BatonCliException(ExitCodes.REFUSED, "a deploy to " + site + " is running");
      } catch (WorkflowFailedException e) {
        if (e.getCause() instanceof ApplicationFailure app
            && FailureKind.BUSY.type().equals(app.getType())) {
          // The workflow refused to start work: a release, drill or failover runs.
          throw new BatonCliException(
              ExitCodes.REFUSED, "deploy to " + site + " refused: " + Failures.reason(e));
        }
        throw new BatonCliException(
            ExitCodes.FAILED, "deploy to " + site + " failed: " + Failures.reason(e));
      }
    }
  }
}
