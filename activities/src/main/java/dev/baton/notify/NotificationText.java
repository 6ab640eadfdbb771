package dev.baton.notify;

import io.temporal.activity.ActivityInfo;
import okhttp3.HttpUrl;

/** What people read: the project, the event, the workflow's text and a link to the workflow. */
final class NotificationText {
  private NotificationText() {}

  /**
   * {@code [shop] approval-needed: Release 1.4 … baton release approve --step switch} and, when
   * {@code webUrl} is set, a second line with the workflow's page in the Temporal Web UI.
   */
  static String of(Notification notification, String webUrlOrNull, ActivityInfo infoOrNull) {
    String text =
        "[" + notification.project() + "] " + notification.event() + ": " + notification.text();
    String link = webUiLink(webUrlOrNull, infoOrNull);
    return link == null ? text : text + "\nTemporal Web UI: " + link;
  }

  /** {@code <webUrl>/namespaces/<ns>/workflows/<workflowId>/<runId>/history}, or null. */
  static String webUiLink(String webUrlOrNull, ActivityInfo infoOrNull) {
    if (webUrlOrNull == null || infoOrNull == null) {
      return null;
    }
    HttpUrl base = HttpUrl.parse(webUrlOrNull);
    if (base == null) {
      return null;
    }
    HttpUrl.Builder url =
        base.newBuilder()
            .addPathSegment("namespaces")
            .addPathSegment(infoOrNull.getWorkflowNamespace())
            .addPathSegment("workflows")
            .addPathSegment(infoOrNull.getWorkflowId());
    String runId = infoOrNull.getWorkflowRunId();
    if (runId != null && !runId.isEmpty()) {
      url.addPathSegment(runId).addPathSegment("history");
    }
    return url.build().toString();
  }
}
