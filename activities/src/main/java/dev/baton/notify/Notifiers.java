package dev.baton.notify;

import dev.baton.config.BatonConfig;
import dev.baton.config.NotifyConfig;

/** The notify activities a worker registers: the webhook when one is configured, else the log. */
public final class Notifiers {
  private Notifiers() {}

  public static NotifyActivities forConfig(BatonConfig config) {
    NotifyConfig notify = config.notifications();
    if (notify == null || !notify.hasWebhook()) {
      return new LogNotifyActivities(notify == null ? null : notify.webUrl());
    }
    return new WebhookNotifyActivities(notify);
  }
}
