package dev.baton.release;

import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import dev.baton.site.ActiveOnlyRequest;

/** The switch itself: the router moves traffic and the queue workers move with it. */
final class TrafficMover {
  private final ReleaseRequest request;
  private final ReleaseActivities activities;

  TrafficMover(ReleaseRequest request, ReleaseActivities activities) {
    this.request = request;
    this.activities = activities;
  }

  /** Queue workers stop on the old site before traffic moves and start on the new one after. */
  SwitchResult move(String from, String to) {
    boolean activeOnly = !request.policy().activeOnlyServices().isEmpty();
    if (activeOnly) {
      activities
          .site(from)
          .setActiveOnlyServices(new ActiveOnlyRequest(request.project(), from, false));
    }
    SwitchResult result =
        activities.router.switchTo(new SwitchRequest(request.project(), from, to));
    if (activeOnly) {
      activities.site(to).setActiveOnlyServices(new ActiveOnlyRequest(request.project(), to, true));
    }
    return result;
  }
}
