package dev.baton.failover;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An unplanned role swap after the active site failed: pre-empt a running release or drill, confirm
 * the active site is down (unless forced), fence it best-effort (router, active-only services,
 * database; short timeouts), promote the standby's database, start its active-only services,
 * verify, notify, and report RTO and RPO. One per project at a time ({@link
 * dev.baton.Names#failoverWorkflowId}).
 */
@WorkflowInterface
public interface FailoverWorkflow {

  @WorkflowMethod(name = "Failover")
  FailoverResult run(FailoverRequest request);

  /** The same record as the result, with outcome RUNNING until the failover ends. */
  @QueryMethod(name = "progress")
  FailoverResult progress();
}
