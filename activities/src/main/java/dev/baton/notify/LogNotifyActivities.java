package dev.baton.notify;

import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Notifications into the worker's log, when no webhook is configured. */
public final class LogNotifyActivities implements NotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(LogNotifyActivities.class);

  /** The Temporal Web UI's base URL for links, or null. */
  private final String webUrl;

  public LogNotifyActivities() {
    this(null);
  }

  public LogNotifyActivities(String webUrlOrNull) {
    this.webUrl = webUrlOrNull;
  }

  @Override
  public void send(Notification notification) {
    log.info(
        "{}", NotificationText.of(notification, webUrl, Activity.getExecutionContext().getInfo()));
  }
}
