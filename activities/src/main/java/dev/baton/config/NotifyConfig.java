package dev.baton.config;

import dev.baton.net.OutboundUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code notify} section: where notifications go. The webhook URL is a secret (a Slack
 * incoming-webhook URL lets anyone post): it is never held here, only where the worker reads it, so
 * no config object, log line or workflow history can leak it.
 *
 * @param webhookUrlEnv environment variable holding the webhook URL; null when urlFile is used or
 *     there is no webhook
 * @param webhookUrlFile absolute path of a file holding the webhook URL; null when urlEnv is used
 *     or there is no webhook
 * @param webUrl the Temporal Web UI's base URL without a trailing slash, for links to the workflow;
 *     null for no links
 * @param events the events that are sent; every event when the section does not list them
 * @param connectTimeout how long one webhook call may take to connect
 * @param readTimeout how long one webhook call may wait for the answer
 * @param allowHttpLoopback the webhook may be plain http to this machine (a local relay)
 */
public record NotifyConfig(
    String webhookUrlEnv,
    Path webhookUrlFile,
    String webUrl,
    List<String> events,
    Duration connectTimeout,
    Duration readTimeout,
    boolean allowHttpLoopback) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public NotifyConfig {
    events = List.copyOf(events);
  }

  public boolean hasWebhook() {
    return webhookUrlEnv != null || webhookUrlFile != null;
  }

  public boolean sends(String event) {
    return events.contains(event);
  }

  /** Reads the webhook URL from {@code env} or the URL file; ConfigException says what is wrong. */
  public String webhookUrl(Map<String, String> env) {
    String value =
        Secrets.read(
                "notify.webhook.urlEnv",
                webhookUrlEnv,
                "notify.webhook.urlFile",
                webhookUrlFile,
                env,
                "the webhook URL")
            .strip();
    // Not quoted: a mistyped secret is still a secret.
    String problem =
        Checks.isHttpUrl(value)
            ? OutboundUrl.problem(value, allowHttpLoopback)
            : "is not an http:// or https:// URL";
    if (problem != null) {
      throw webhookUrlEnv != null
          ? fail(
              "notify.webhook.urlEnv",
              "the URL in environment variable " + webhookUrlEnv + " " + problem)
          : fail("notify.webhook.urlFile", "the URL in " + webhookUrlFile + " " + problem);
    }
    return value;
  }

  private static ConfigException fail(String path, String message) {
    return new ConfigException(new ConfigProblem(null, path, message));
  }
}
