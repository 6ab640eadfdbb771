package dev.baton.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.FailureKind;
import dev.baton.config.ConfigException;
import dev.baton.config.NotifyConfig;
import dev.baton.net.GuardedDns;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each notification to a Slack-compatible incoming webhook as {@code {"text": "…"}}, and logs
 * it. The URL is read for every call (a rotated URL needs no restart) and never appears in a
 * message: it is the secret that lets anyone post to the channel.
 *
 * <p>Failures are ApplicationFailures of type NOTIFY_FAILED: retryable when the webhook is
 * unreachable, times out, is rate limited (429) or fails (5xx); non-retryable when it refuses the
 * message (any other 4xx: a wrong or revoked URL will not get better by retrying). The workflow's
 * retry options decide how often and for how long.
 */
public final class WebhookNotifyActivities implements NotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifyActivities.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY_LINE = 200;

  private final NotifyConfig config;
  private final Map<String, String> env;
  private final OkHttpClient http;

  public WebhookNotifyActivities(NotifyConfig config) {
    this(config, System.getenv());
  }

  /** With {@code env} in place of the process environment, for tests. */
  public WebhookNotifyActivities(NotifyConfig config, Map<String, String> env) {
    this.config = config;
    this.env = env;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.connectTimeout().plus(config.readTimeout()))
            // A retry is the activity's decision, made with its own backoff.
            .retryOnConnectionFailure(false)
            // The URL is a secret: a redirect would carry the message where the answer says.
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
  }

  @Override
  public void send(Notification notification) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    String text = NotificationText.of(notification, config.webUrl(), info);
    if (!config.sends(notification.event())) {
      log.info("{} (not sent: notify.events leaves {} out)", text, notification.event());
      return;
    }
    log.info("{} (attempt {})", text, info.getAttempt());
    String url;
    try {
      url = config.webhookUrl(env);
    } catch (ConfigException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), FailureKind.NOTIFY_FAILED.type());
    }
    post(url, text);
  }

  private void post(String url, String text) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      // okhttp's own message would quote the URL.
      throw ApplicationFailure.newNonRetryableFailure(
          "the webhook URL (notify.webhook) is not a valid http:// or https:// URL",
          FailureKind.NOTIFY_FAILED.type());
    }
    ObjectNode body = MAPPER.createObjectNode().put("text", text);
    Request request =
        new Request.Builder().url(parsed).post(RequestBody.create(body.toString(), JSON)).build();
    OkHttpClient guarded = http.newBuilder().dns(new GuardedDns(!parsed.isHttps())).build();
    try (Response response = guarded.newCall(request).execute()) {
      int status = response.code();
      if (response.isSuccessful()) {
        return;
      }
      if (response.isRedirect()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "webhook answered with a redirect (HTTP "
                + status
                + "), which baton never follows: set notify.webhook to the final URL",
            FailureKind.NOTIFY_FAILED.type());
      }
      String answer = "webhook answered HTTP " + status + firstLine(response, url);
      boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
      throw refused
          ? ApplicationFailure.newNonRetryableFailure(
              answer + " (check notify.webhook: the URL may be wrong or revoked)",
              FailureKind.NOTIFY_FAILED.type())
          : ApplicationFailure.newFailure(answer, FailureKind.NOTIFY_FAILED.type());
    } catch (GuardedDns.Refused e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "webhook refused: " + hide(e.getMessage(), url), FailureKind.NOTIFY_FAILED.type());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "webhook not reachable: " + hide(describe(e), url), FailureKind.NOTIFY_FAILED.type());
    }
  }

  /**
   * The answer body's first line, which says why (Slack: {@code no_service}, {@code
   * invalid_payload}).
   */
  private static String firstLine(Response response, String url) throws IOException {
    String body = response.body().string().strip();
    if (body.isEmpty()) {
      return "";
    }
    String line = body.lines().findFirst().orElse("").strip();
    if (line.length() > MAX_BODY_LINE) {
      line = line.substring(0, MAX_BODY_LINE) + "…";
    }
    return ": " + hide(line, url);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Keeps the URL, and its path (the secret part), out of a text that comes from elsewhere. */
  private static String hide(String text, String url) {
    String path = HttpUrl.get(url).encodedPath();
    String hidden = text.replace(url, "<webhook URL>");
    return path.length() > 1 ? hidden.replace(path, "<webhook path>") : hidden;
  }
}
