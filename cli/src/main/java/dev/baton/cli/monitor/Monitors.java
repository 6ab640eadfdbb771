package dev.baton.cli.monitor;

import dev.baton.Names;
import dev.baton.cli.report.FollowedWorkflow;
import dev.baton.monitor.MonitorStatus;
import dev.baton.monitor.MonitorWorkflow;
import io.temporal.client.WorkflowClient;

/** The project's monitor: its stub and whether it runs. */
final class Monitors {
  private Monitors() {}

  static MonitorWorkflow stub(WorkflowClient client, String project) {
    return client.newWorkflowStub(MonitorWorkflow.class, Names.monitorWorkflowId(project));
  }

  static boolean running(WorkflowClient client, String project) {
    return new FollowedWorkflow<>(client, Names.monitorWorkflowId(project), MonitorStatus.class)
        .running();
  }

  static String notRunning(String project) {
    return "the monitor of " + project + " is not running; start it with `baton monitor start`";
  }
}
