package dev.baton.cli;

import dev.baton.drill.DrillReport;
import dev.baton.drill.DrillRequest;
import dev.baton.drill.DrillWorkflow;
import dev.baton.failover.FailoverRequest;
import dev.baton.failover.FailoverResult;
import dev.baton.failover.FailoverWorkflow;
import dev.baton.monitor.FailoverApproval;
import dev.baton.monitor.MonitorRequest;
import dev.baton.monitor.MonitorStatus;
import dev.baton.monitor.MonitorWorkflow;
import dev.baton.monitor.SiteHealth;
import dev.baton.release.StepState;
import dev.baton.report.Phase;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-ins for the failover, monitor and drill workflows with canned phases and reports, so the
 * CLI can be tested before (and apart from) the real ones. What the CLI sent is read back from each
 * workflow's history (its input) or, for the monitor, from its status's events.
 */
final class OpsFakes {
  private OpsFakes() {}

  /** Phases that take 200 ms each, in workflow time. */
  static final class Phases {
    final List<Phase> list = new ArrayList<>();

    void run(String name, String detail) {
      long start = Workflow.currentTimeMillis();
      list.add(new Phase(name, StepState.RUNNING, start, 0, ""));
      Workflow.sleep(Duration.ofMillis(200));
      list.set(
          list.size() - 1,
          new Phase(
              name, StepState.SUCCEEDED, start, Workflow.currentTimeMillis() - start, detail));
    }
  }

  public static final class Failover implements FailoverWorkflow {
    private final Phases phases = new Phases();
    private FailoverRequest request;

    @Override
    public FailoverResult run(FailoverRequest request) {
      this.request = request;
      if ("primary".equals(request.toSite())) {
        return result("FAILOVER_REFUSED", "primary is the active site; fail over to the standby");
      }
      if (!request.force()) {
        phases.run("confirm-down", "3 probes of primary failed");
      }
      phases.run("fence", "router, database");
      phases.run("promote", "secondary's database promoted");
      phases.run("switch", "traffic on secondary");
      return result("SUCCEEDED", "failover done: secondary active");
    }

    @Override
    public FailoverResult progress() {
      return request == null ? null : result("RUNNING", "");
    }

    private FailoverResult result(String outcome, String message) {
      return new FailoverResult(
          outcome,
          "primary",
          "secondary",
          "SUCCEEDED".equals(outcome) ? 7400 : 0,
          null,
          "0: primary's database was fenced and its last write replayed",
          "router, database",
          "release v2 (step bake)",
          List.copyOf(phases.list),
          message);
    }
  }

  public static final class Drill implements DrillWorkflow {
    private final Phases phases = new Phases();
    private DrillRequest request;

    @Override
    public DrillReport run(DrillRequest request) {
      this.request = request;
      phases.run("validate", "secondary healthy");
      phases.run("switch", "traffic on secondary");
      phases.run("bake", "");
      if (!request.keep()) {
        phases.run("switch-back", "traffic on primary");
      }
      return report("SUCCEEDED");
    }

    @Override
    public DrillReport progress() {
      return request == null ? null : report("RUNNING");
    }

    private DrillReport report(String outcome) {
      boolean back = !request.keep();
      return new DrillReport(
          outcome,
          "primary",
          "secondary",
          back ? "primary" : "secondary",
          800,
          back ? 900 : 0,
          "2 of 1532 requests failed (502 x2)",
          List.copyOf(phases.list),
          "");
    }
  }

  public static final class Monitor implements MonitorWorkflow {
    private final List<String> events = new ArrayList<>();
    private boolean waiting = true;
    private boolean stopped;

    @Override
    public void run(MonitorRequest request) {
      // The input carries no rules (the real monitor reads the control worker's).
      events.add("started by " + request.requestedBy());
      Workflow.await(() -> stopped);
    }

    @Override
    public MonitorStatus status() {
      return new MonitorStatus(
          "primary",
          waiting ? SiteHealth.DOWN : SiteHealth.HEALTHY,
          waiting ? 3 : 0,
          waiting ? 1_764_446_400_000L : 0,
          "HEALTHY",
          null,
          0,
          waiting,
          waiting ? null : "baton-failover-shop",
          42,
          List.copyOf(events));
    }

    @Override
    public String approveFailover(FailoverApproval approval) {
      waiting = false;
      events.add("failover approved by " + approval.approver() + ": " + approval.reason());
      return "started failover baton-failover-shop";
    }

    @Override
    public void validateApproveFailover(FailoverApproval approval) {
      if (!waiting) {
        throw new IllegalStateException(
            "the monitor is not waiting for an approval (primary is HEALTHY)");
      }
    }

    @Override
    public void approveFailoverSignal(FailoverApproval approval) {
      approveFailover(approval);
    }

    @Override
    public void stop(String by) {
      events.add("stopped by " + by);
      stopped = true;
    }
  }
}
