package dev.baton.cli.release;

import dev.baton.Names;
import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.VersionOptions;
import dev.baton.cli.signing.DecisionSigner;
import dev.baton.config.BatonConfig;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseRequest;
import dev.baton.release.ReleaseWorkflow;
import dev.baton.rules.CallerText;
import dev.baton.worker.RunningWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "start",
    description = "Start a release: deploy VERSION to the standby site, validate, approve, switch.",
    footer = {
      "",
      "Examples:",
      "  baton release start --version v2",
      "  baton release start --version v2 --wait --as carol"
    })
final class ReleaseStart extends ProjectCommand {
  @Mixin VersionOptions version;

  @Option(names = "--as", paramLabel = "NAME", description = "who requests it (default: $USER)")
  String requester;

  @Option(names = "--wait", description = "follow the release until it ends; exit code tells how")
  boolean wait;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "sign the start with this SSH key (a private key, or a .pub whose key ssh-agent"
              + " holds); with release.approval.allowedSigners set, ~/.ssh/id_ed25519, id_ecdsa"
              + " or id_rsa by default")
  Path key;

  ReleaseStart(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    String version = this.version.version();
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      String project = config.project();
      ReleaseRequest request = request(config, version);
      refuseDuringFailoverOrDrill(session, project);
      try {
        start(session, request);
      } catch (WorkflowExecutionAlreadyStarted e) {
        Optional<ReleaseProgress> open = Releases.latest(session.client(), project);
        if (!ReleaseClosing.await(session.client(), open, spec.commandLine().getErr())) {
          throw alreadyRunning(project, open);
        }
        start(session, request);
      }
      out()
          .printf(
              "started release %s of %s (workflow %s)%n",
              version, project, Names.releaseWorkflowId(project));
      if (!wait) {
        out().println("follow it with: baton release status --watch");
        return ExitCodes.OK;
      }
      WatchView view = Watcher.textView(out(), context.env(), false);
      return Watcher.of(session.client(), project, view).untilEnded();
    }
  }

  /**
   * Ids and who asks, no rules: the control worker reads its own baton.yml at plan. Signed (so that
   * four-eyes can compare keys) with --key, or where this baton.yml lists allowed signers.
   */
  private ReleaseRequest request(BatonConfig config, String version) {
    String project = config.project();
    String who = CallerText.normalizeName(Identity.of(requester, context));
    if (key == null && config.release().approval().allowedSigners() == null) {
      return new ReleaseRequest(project, version, who, List.of(), null);
    }
    DecisionSigner.Signed signed =
        DecisionSigner.of(context, key)
            .sign("start", Names.releaseWorkflowId(project), "", version, who, "");
    return new ReleaseRequest(
        project, version, who, List.of(), null, signed.time(), signed.nonce(), signed.signature());
  }

  private static void start(ProjectSession session, ReleaseRequest request) {
    ReleaseWorkflow release =
        session
            .client()
            .newWorkflowStub(
                ReleaseWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(Names.releaseWorkflowId(request.project()))
                    .setTaskQueue(Names.controlQueue(request.project()))
                    .build());
    WorkflowClient.start(release::run, request);
  }

  /**
   * A release plans from where the router points: during a drill or a failover that moves, so it
   * waits for them. (Checked here, not in the workflow, so older release histories replay.)
   */
  private static void refuseDuringFailoverOrDrill(ProjectSession session, String project) {
    RunningWorkflows running = new RunningWorkflows(session.client());
    List<RunningWorkflows.Execution> busy = new ArrayList<>(running.drills(project));
    running.failover(project).ifPresent(busy::add);
    busy.addAll(running.deploys(project, session.config().siteIds()));
    if (!busy.isEmpty()) {
      RunningWorkflows.Execution first = busy.get(0);
      throw new BatonCliException(
          ExitCodes.REFUSED,
          "a "
              + first.kind()
              + " of "
              + project
              + " is running (workflow "
              + first.workflowId()
              + "); start the release when it has ended"
              + (first.kind().equals("deploy") ? "" : ": see `baton " + first.kind() + " status`"));
    }
  }

  private static BatonCliException alreadyRunning(String project, Optional<ReleaseProgress> open) {
    String what = open.map(ReleaseStart::describeRunning).orElse("a release");
    return new BatonCliException(
        ExitCodes.REFUSED,
        what
            + " of "
            + project
            + " is still running; one release at a time: see `baton release status`,"
            + " or `baton release cancel`");
  }

  private static String describeRunning(ReleaseProgress p) {
    String waiting = p.waitingFor() == null ? "" : ", waiting for approval of " + p.waitingFor();
    return "release " + p.version() + " (step " + p.currentStep().id() + waiting + ")";
  }
}
