package dev.baton.router;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What moves traffic between sites. Runs on the control queue. The router is the source of truth
 * for which site is active: baton keeps no state file.
 */
@ActivityInterface(namePrefix = "Router.")
public interface RouterActivities {

  /** The id of the site that receives traffic now (the larger share while traffic is split). */
  @ActivityMethod
  String currentTarget(RouterRequest request);

  /**
   * Points traffic at {@code toSite} atomically and verifies through the router's own front door
   * that responses come from it; restores the previous target if it cannot. Idempotent.
   */
  @ActivityMethod
  SwitchResult switchTo(SwitchRequest request);

  /**
   * Sends {@code percent} of new requests to {@code toSite} and the rest to {@code fromSite}, then
   * verifies through the front door that {@code toSite} receives some of them; restores the
   * previous target if it cannot. Idempotent. While traffic is split, {@link #currentTarget} names
   * the site with the larger share ({@code fromSite} at 50%). Only routers that can split traffic
   * (nginx, haproxy) implement it; others fail with a non-retryable {@code BAD_CONFIG}.
   */
  @ActivityMethod
  ShiftResult shift(ShiftRequest request);
}
