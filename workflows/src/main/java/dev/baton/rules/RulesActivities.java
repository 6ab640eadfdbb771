package dev.baton.rules;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The control worker's own rules, read from its baton.yml. Runs on the control queue, so whoever
 * starts a workflow (the CLI, the Web UI, any SDK client) cannot choose them: the input carries
 * only the project, the version, who asks and why.
 */
@ActivityInterface(namePrefix = "Rules.")
public interface RulesActivities {

  /**
   * Reads the rules now (the file again, so a changed approver list applies to the next operation
   * without a restart). Fails with BAD_CONFIG when the file no longer loads: a gate must not fall
   * back to rules nobody can see.
   */
  @ActivityMethod
  ControlRules read(RulesRequest request);
}
