package dev.baton.config;

import static java.util.Objects.requireNonNullElse;

import dev.baton.notify.Notifications;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code notify} section; see docs/config.md. */
final class NotifyReader {
  static final List<String> KEYS = List.of("webhook", "webUrl", "events");
  static final List<String> WEBHOOK_KEYS =
      List.of("urlEnv", "urlFile", "connectTimeout", "readTimeout", "allowHttpLoopback");
  private static final String ENV = "an environment variable name such as SLACK_WEBHOOK_URL";
  private static final String EVENTS =
      "a list of events from: " + String.join(", ", Notifications.EVENTS) + "; or []";

  private NotifyReader() {}

  static NotifyConfig read(TreeReader r, Path base) {
    r.mapping(false, "a mapping with webhook, webUrl, events", KEYS);
    TreeReader webUrlNode = r.child("webUrl");
    String webUrl = webUrlNode.text(false, "the Temporal Web UI's address: " + SectionReader.URL);
    if (webUrl != null && !Checks.isHttpUrl(webUrl)) {
      webUrlNode.report("\"" + webUrl + "\" is not a valid URL (" + SectionReader.URL + ")");
      webUrl = null;
    }
    TreeReader eventsNode = r.child("events");
    List<String> events = eventsNode.isPresent() ? events(eventsNode) : Notifications.EVENTS;
    TreeReader webhook = r.child("webhook");
    if (!webhook.isPresent()) {
      return new NotifyConfig(
          null,
          null,
          webUrl == null ? null : stripSlash(webUrl),
          events,
          NotifyConfig.DEFAULT_TIMEOUT,
          NotifyConfig.DEFAULT_TIMEOUT,
          false);
    }
    webhook.mapping(true, "a mapping with urlEnv or urlFile", WEBHOOK_KEYS);
    TreeReader envNode = webhook.child("urlEnv");
    String urlEnv = envNode.text(false, ENV);
    if (urlEnv != null && !Checks.matches(Checks.ENV_NAME_PATTERN, urlEnv)) {
      envNode.report("\"" + urlEnv + "\" is not a valid environment variable name (" + ENV + ")");
    }
    Path urlFile = webhook.child("urlFile").path(false, "a file holding the webhook URL", base);
    boolean hasEnv = envNode.isPresent();
    if (webhook.isMapping() && hasEnv == webhook.child("urlFile").isPresent()) {
      webhook.report(
          (hasEnv ? "sets both urlEnv and urlFile" : "sets neither urlEnv nor urlFile")
              + " (set exactly one of them: where the worker reads the webhook URL, which is a"
              + " secret and never goes in baton.yml)");
    }
    return new NotifyConfig(
        urlEnv,
        urlFile,
        webUrl == null ? null : stripSlash(webUrl),
        events,
        requireNonNullElse(
            webhook.child("connectTimeout").duration(false, true), NotifyConfig.DEFAULT_TIMEOUT),
        requireNonNullElse(
            webhook.child("readTimeout").duration(false, true), NotifyConfig.DEFAULT_TIMEOUT),
        requireNonNullElse(webhook.child("allowHttpLoopback").bool(false, "true or false"), false));
  }

  private static List<String> events(TreeReader node) {
    Set<String> events = new LinkedHashSet<>();
    for (TreeReader element : node.elements(false, EVENTS)) {
      String event = SectionReader.oneOf(element, Notifications.EVENTS, "event", true);
      if (event != null && !events.add(event)) {
        element.report("duplicate event \"" + event + "\" (each event may appear once)");
      }
    }
    return List.copyOf(events);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
