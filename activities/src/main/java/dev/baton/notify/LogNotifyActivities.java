package dev.baton.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Notifications into the worker's log, when no webhook is configured. */
public final class LogNotifyActivities implements NotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(LogNotifyActivities.class);

  @Override
  public void send(Notification notification) {
    log.info("[{}] {}: {}", notification.project(), notification.event(), notification.text());
  }
}
