package dev.baton.cli.monitor;

import dev.baton.Names;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ControlWorkflows;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.cli.release.Identity;
import dev.baton.config.BatonConfig;
import dev.baton.monitor.MonitorPolicy;
import dev.baton.monitor.MonitorRequest;
import dev.baton.monitor.MonitorWorkflow;
import dev.baton.worker.OperationInputs;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start the monitor: it probes the active site every monitor.interval and, after "
          + "monitor.failuresBeforeAction failures in a row, fails over (autoFailover) or notifies and "
          + "waits for `baton monitor approve`. Already running: says so and exits 0."
    },
    footer = {"", "Examples:", "  baton monitor start", "  baton monitor start --auto-failover"})
final class MonitorStart extends ProjectCommand {
  @Option(names = "--as", paramLabel = "NAME", description = "who starts it (default: $USER)")
  String requester;

  @Option(
      names = "--auto-failover",
      negatable = true,
      description =
          "--no-auto-failover: this monitor notifies and waits for `baton monitor approve` even"
              + " where the control worker's monitor.autoFailover is true; --auto-failover: it"
              + " fails over by itself, where the control worker's monitor.autoFailover allows it"
              + " (a caller can tighten that rule, never loosen it)")
  Boolean autoFailover;

  MonitorStart(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    try (ProjectSession session = openSession()) {
      BatonConfig config = session.config();
      String project = config.project();
      String workflowId = Names.monitorWorkflowId(project);
      PrintWriter out = out();
      MonitorPolicy configured = OperationInputs.monitorPolicy(config);
      // Only autoFailover is read from it, and only to tighten the control worker's rule.
      MonitorPolicy policy =
          autoFailover == null
              ? null
              : new MonitorPolicy(
                  configured.interval(),
                  configured.failuresBeforeAction(),
                  autoFailover,
                  configured.maxLagBytes(),
                  configured.maxLag());
      MonitorRequest request =
          new MonitorRequest(
              project, List.of(), Identity.of(requester, context), policy, null, null);
      if (!ControlWorkflows.start(
          session.client(),
          project,
          MonitorWorkflow.class,
          workflowId,
          MonitorWorkflow::run,
          request)) {
        out.printf(
            "the monitor of %s is already running (workflow %s); see `baton monitor status`%n",
            project, workflowId);
        return ExitCodes.OK;
      }
      // As this baton.yml says; the control worker's own file is what the monitor follows.
      boolean auto = configured.autoFailover() && (autoFailover == null || autoFailover);
      out.printf(
          "started the monitor of %s (workflow %s): a probe every %s, %s after %d failed"
              + " probes in a row%n",
          project,
          workflowId,
          dev.baton.cli.report.Durations.of(configured.interval().toMillis()),
          auto ? "fails over" : "asks for approval to fail over",
          configured.failuresBeforeAction());
      return ExitCodes.OK;
    }
  }
}
