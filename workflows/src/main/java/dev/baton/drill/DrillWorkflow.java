package dev.baton.drill;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Proves the standby can take over: validate it, switch to it (with the database switchover in
 * replicated mode), bake, switch back unless {@code keep}, and report each phase's duration and the
 * request errors users saw. A standby that fails validation aborts the drill with traffic left on
 * the active site. Scheduled by a Temporal Schedule, or a cron workflow where the service has no
 * Schedule API. One per project at a time ({@link dev.baton.Names#drillWorkflowId}).
 */
@WorkflowInterface
public interface DrillWorkflow {

  @WorkflowMethod(name = "Drill")
  DrillReport run(DrillRequest request);

  @QueryMethod(name = "progress")
  DrillReport progress();
}
