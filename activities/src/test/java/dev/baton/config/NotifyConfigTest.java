package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.notify.Notifications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code notify} section: what loads, what is reported, and how the webhook URL is read. */
class NotifyConfigTest extends ConfigProblemsTestBase {
  private static final String HOOK = "https://hooks.slack.com/services/T0/B0/secret";

  private NotifyConfig load(String section) {
    String yaml = TestConfigs.read("minimal.yml") + section;
    return ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of()).notifications();
  }

  @Test
  void withoutTheSectionEveryEventGoesToTheLog() {
    NotifyConfig notify = load("");
    assertThat(notify.hasWebhook()).isFalse();
    assertThat(notify.webUrl()).isNull();
    assertThat(notify.events()).isEqualTo(Notifications.EVENTS);
  }

  @Test
  void everyKeyIsReadAsWritten() {
    NotifyConfig notify =
        load(
            "notify:\n"
                + "  webhook:\n"
                + "    urlFile: secrets/slack-webhook\n"
                + "    connectTimeout: 2s\n"
                + "    readTimeout: 3s\n"
                + "  webUrl: http://127.0.0.1:8088/\n"
                + "  events: [approval-needed, release-failed]\n");
    assertThat(notify)
        .isEqualTo(
            new NotifyConfig(
                null,
                dir.resolve("secrets/slack-webhook"),
                "http://127.0.0.1:8088",
                List.of("approval-needed", "release-failed"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                false));
  }

  @Test
  void theUrlIsReadFromTheVariableOrTheFileWhenNeeded() throws Exception {
    NotifyConfig fromEnv = load("notify:\n  webhook:\n    urlEnv: SLACK_WEBHOOK_URL\n");
    assertThat(fromEnv.webhookUrl(Map.of("SLACK_WEBHOOK_URL", " " + HOOK + "\n"))).isEqualTo(HOOK);
    assertThatThrownBy(() -> fromEnv.webhookUrl(Map.of()))
        .hasMessage(
            "notify.webhook.urlEnv: environment variable SLACK_WEBHOOK_URL is not set on this"
                + " machine (it must hold the webhook URL)");
    assertThatThrownBy(() -> fromEnv.webhookUrl(Map.of("SLACK_WEBHOOK_URL", "hooks/secret")))
        .hasMessage(
            "notify.webhook.urlEnv: the URL in environment variable SLACK_WEBHOOK_URL is not an"
                + " http:// or https:// URL");

    Path file = Files.writeString(dir.resolve("hook"), HOOK + "\n");
    NotifyConfig fromFile = load("notify:\n  webhook:\n    urlFile: hook\n");
    assertThat(fromFile.webhookUrl(Map.of())).isEqualTo(HOOK);
    Files.delete(file);
    assertThatThrownBy(() -> fromFile.webhookUrl(Map.of()))
        .hasMessage(
            "notify.webhook.urlFile: cannot read "
                + file
                + ": NoSuchFileException (it must hold the webhook URL)");
  }

  @Test
  void bothUrlFormsAreOneProblem() {
    assertThat(
            withSection("notify:\n  webhook:\n    urlEnv: SLACK_WEBHOOK_URL\n    urlFile: hook\n"))
        .containsExactly(
            "notify.webhook: sets both urlEnv and urlFile (set exactly one of them: where the"
                + " worker reads the webhook URL, which is a secret and never goes in baton.yml)");
  }

  @Test
  void neitherUrlFormIsOneProblem() {
    assertThat(withSection("notify:\n  webhook:\n    readTimeout: 3s\n"))
        .containsExactly(
            "notify.webhook: sets neither urlEnv nor urlFile (set exactly one of them: where the"
                + " worker reads the webhook URL, which is a secret and never goes in baton.yml)");
  }

  @Test
  void aUrlInTheFileIsNotAKey() {
    assertThat(withSection("notify:\n  webhook:\n    url: " + HOOK + "\n"))
        .containsExactly(
            "notify.webhook.url: unknown key (allowed here: urlEnv, urlFile, connectTimeout,"
                + " readTimeout, allowHttpLoopback)",
            "notify.webhook: sets neither urlEnv nor urlFile (set exactly one of them: where the"
                + " worker reads the webhook URL, which is a secret and never goes in baton.yml)");
  }

  @Test
  void unknownAndDuplicateEventsAreNamed() {
    assertThat(withSection("notify:\n  events: [release-succeeded, deployed, release-succeeded]\n"))
        .containsExactly(
            "notify.events[1]: \"deployed\" is not a valid event (allowed: "
                + String.join(", ", Notifications.EVENTS)
                + ")",
            "notify.events[2]: duplicate event \"release-succeeded\" (each event may appear"
                + " once)");
  }

  @Test
  void aBadWebUrlAndVariableNameAreReported() {
    assertThat(
            withSection(
                "notify:\n  webhook:\n    urlEnv: 1-HOOK\n  webUrl: temporal.example.com\n"))
        .containsExactly(
            "notify.webUrl: \"temporal.example.com\" is not a valid URL (an http:// or https://"
                + " URL with a host)",
            "notify.webhook.urlEnv: \"1-HOOK\" is not a valid environment variable name (an"
                + " environment variable name such as SLACK_WEBHOOK_URL)");
  }
}
