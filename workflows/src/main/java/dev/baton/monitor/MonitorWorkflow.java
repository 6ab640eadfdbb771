package dev.baton.monitor;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches a project's active site for as long as it runs (continue-as-new keeps its history short).
 * After {@code failuresBeforeAction} failed probes in a row it starts a {@link
 * dev.baton.failover.FailoverWorkflow} (autoFailover) or notifies and waits for {@link
 * #approveFailover}. It also watches the standby's health and the replication lag, and notifies
 * when they degrade and when they recover. One per project ({@link
 * dev.baton.Names#monitorWorkflowId}).
 */
@WorkflowInterface
public interface MonitorWorkflow {

  @WorkflowMethod(name = "Monitor")
  void run(MonitorRequest request);

  @QueryMethod(name = "status")
  MonitorStatus status();

  /** Manual mode: go ahead with the failover. Refused when the monitor is not waiting for one. */
  @UpdateMethod(name = "approveFailover")
  String approveFailover(FailoverApproval approval);

  @UpdateValidatorMethod(updateName = "approveFailover")
  void validateApproveFailover(FailoverApproval approval);

  /** The same, for the Temporal Web UI: {@code {"approver":"alice","reason":"dc1 lost power"}}. */
  @SignalMethod(name = "approveFailover")
  void approveFailoverSignal(FailoverApproval approval);

  /** Ends the monitor cleanly (a failover it started keeps running). */
  @SignalMethod(name = "stop")
  void stop(String by);
}
