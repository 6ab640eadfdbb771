package dev.baton.router;

import dev.baton.process.CancellableWork;
import java.util.concurrent.Semaphore;

/**
 * Any router, heartbeating while it works (a reload, the front-door check, a DNS API call), so that
 * the workflows can give the router activities a short heartbeat timeout: when the control worker
 * running a switch dies, the switch is retried on another worker within seconds instead of after
 * its 2-minute StartToClose. Changes of traffic never overlap, not even a retry with the attempt it
 * replaces; reading where traffic goes waits for nothing.
 */
public final class HeartbeatingRouter implements RouterActivities {
  private final RouterActivities router;
  private final Semaphore changes = CancellableWork.slot();

  HeartbeatingRouter(RouterActivities router) {
    this.router = router;
  }

  @Override
  public String currentTarget(RouterRequest request) {
    return CancellableWork.run(
        CancellableWork.slot(),
        "router read",
        () -> "reading where traffic goes",
        () -> router.currentTarget(request));
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    return CancellableWork.run(
        changes,
        "router switch",
        () -> "switching traffic from " + request.fromSite() + " to " + request.toSite(),
        () -> router.switchTo(request));
  }

  @Override
  public ShiftResult shift(ShiftRequest request) {
    return CancellableWork.run(
        changes,
        "router shift",
        () -> "shifting " + request.percent() + "% of traffic to " + request.toSite(),
        () -> router.shift(request));
  }
}
