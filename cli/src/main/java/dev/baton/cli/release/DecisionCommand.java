package dev.baton.cli.release;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ConfigOptions;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectSession;
import dev.baton.release.ApprovalRequest;
import dev.baton.release.ReleaseProgress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Approve or reject the step that waits, through the workflow's Update, so the answer (accepted or
 * refused, and why) comes back at once.
 */
abstract class DecisionCommand implements Callable<Integer> {
  private final BatonContext context;
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--step",
      paramLabel = "STEP",
      description = "the step to decide: switch or backfill (default: the one waiting)")
  String step;

  @Option(names = "--as", paramLabel = "NAME", description = "who decides (default: $USER)")
  String approver;

  @Option(names = "--comment", paramLabel = "TEXT", description = "recorded with the decision")
  String comment;

  DecisionCommand(BatonContext context) {
    this.context = context;
  }

  abstract boolean approving();

  @Override
  public Integer call() {
    String verb = approving() ? "approve" : "reject";
    try (ProjectSession session = ProjectSession.open(options, context)) {
      String project = session.config().project();
      ReleaseProgress progress =
          Releases.latest(session.client(), project)
              .orElseThrow(
                  () ->
                      new BatonCliException(
                          ExitCodes.REFUSED, "no release of " + project + " to " + verb));
      if (progress.outcome() != null) {
        throw new BatonCliException(
            ExitCodes.REFUSED,
            "release "
                + progress.version()
                + " of "
                + project
                + " has ended ("
                + progress.outcome()
                + "); nothing to "
                + verb);
      }
      String target = step != null ? step : progress.waitingFor();
      if (target == null) {
        throw new BatonCliException(
            ExitCodes.REFUSED,
            "release "
                + progress.version()
                + " is at step "
                + progress.currentStep().id()
                + "; nothing waits for approval yet (see `baton release status --watch`)");
      }
      String who = Identity.of(approver, context);
      ApprovalRequest request = new ApprovalRequest(target, who, comment == null ? "" : comment);
      Decision.send(session.client(), project, request, approving());
      spec.commandLine()
          .getOut()
          .printf(
              "%s %s of release %s (%s) as %s%n",
              approving() ? "approved" : "rejected", target, progress.version(), project, who);
      return ExitCodes.OK;
    }
  }
}
