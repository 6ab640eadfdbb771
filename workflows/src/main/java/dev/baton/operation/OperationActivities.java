package dev.baton.operation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The project's other workflows, seen from one of them. Runs on the control queue; the worker
 * implements it with its Temporal client.
 */
@ActivityInterface(namePrefix = "Operation.")
public interface OperationActivities {

  /**
   * Terminates the project's running release, drill and deploys (of {@code deploySites}), if any,
   * so that their compensation (moving traffic back) cannot fight a failover. Returns what it
   * terminated, e.g. {@code "release v2 (step bake)"}, or an empty string. Idempotent.
   */
  @ActivityMethod
  String preempt(PreemptRequest request);

  /**
   * The project's running release, drill, failover or deploys (of {@code deploySites}) other than
   * {@code request.callerWorkflowId()}, described in one line, or an empty string when there is
   * none.
   */
  @ActivityMethod
  String running(RunningRequest request);
}
