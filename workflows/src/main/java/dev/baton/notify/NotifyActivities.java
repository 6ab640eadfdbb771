package dev.baton.notify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells people what happened (a Slack-compatible webhook, or the worker's log when none). */
@ActivityInterface(namePrefix = "Notify.")
public interface NotifyActivities {

  @ActivityMethod
  void send(Notification notification);
}
