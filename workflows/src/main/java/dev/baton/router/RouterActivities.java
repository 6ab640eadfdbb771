package dev.baton.router;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What moves traffic between sites. Runs on the control queue. The router is the source of truth
 * for which site is active: baton keeps no state file.
 */
@ActivityInterface(namePrefix = "Router.")
public interface RouterActivities {

  /** The id of the site that receives traffic now. */
  @ActivityMethod
  String currentTarget(RouterRequest request);

  /**
   * Points traffic at {@code toSite} atomically and verifies through the router's own front door
   * that responses come from it; restores the previous target if it cannot. Idempotent.
   */
  @ActivityMethod
  SwitchResult switchTo(SwitchRequest request);
}
