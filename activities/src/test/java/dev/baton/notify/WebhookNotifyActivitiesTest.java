package dev.baton.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.config.NotifyConfig;
import dev.baton.testing.Fault;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook notifier against a MockWebServer on 127.0.0.1, called from a workflow with the retry
 * options baton's workflows use (time skipping makes the backoff instant).
 */
class WebhookNotifyActivitiesTest {
  private static final String HOOK_PATH = "/services/T0001/B0002/s3cr3tT0k3n";
  private static final String WEB_UI = "http://127.0.0.1:8088";
  private static final String WORKFLOW_ID = "baton-release-shop";
  static final Notification APPROVAL =
      new Notification(
          "shop",
          Notifications.APPROVAL_NEEDED,
          "Release v2 of shop waits for approval of switch: baton release approve --step switch");

  private final MockWebServer hook = new MockWebServer();
  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void setUp() throws IOException {
    hook.start(InetAddress.getByName("127.0.0.1"), 0);
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker("notify-test");
    worker.registerWorkflowImplementationTypes(NotifySender.Impl.class);
  }

  @AfterEach
  void tearDown() {
    env.close();
    hook.close();
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + hook.getPort() + HOOK_PATH;
  }

  private void notifier(List<String> events, Map<String, String> env) {
    NotifyConfig config =
        new NotifyConfig(
            "SLACK_WEBHOOK_URL",
            null,
            WEB_UI,
            events,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            true); // the mock webhook is plain http on 127.0.0.1
    worker.registerActivitiesImplementations(new WebhookNotifyActivities(config, env));
    this.env.start();
  }

  private void notifier() {
    notifier(Notifications.EVENTS, Map.of("SLACK_WEBHOOK_URL", hookUrl()));
  }

  private NotifySender sender() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            NotifySender.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("notify-test")
                .setWorkflowId(WORKFLOW_ID)
                .build());
  }

  private void answer(int code, String body) {
    hook.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = hook.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request to the webhook").isNotNull();
    return request;
  }

  @Test
  void postsSlackJsonWithTheApproveCommandAndTheWebUiLink() throws Exception {
    notifier();
    answer(200, "ok");
    NotifySender sender = sender();

    assertThat(sender.send(APPROVAL)).isNull();

    String runId = WorkflowStub.fromTyped(sender).getExecution().getRunId();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(HOOK_PATH);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
    assertThat(body.size()).as("only text: %s", body).isEqualTo(1);
    assertThat(body.get("text").asText())
        .isEqualTo(
            "[shop] approval-needed: Release v2 of shop waits for approval of switch:"
                + " baton release approve --step switch\n"
                + "Temporal Web UI: http://127.0.0.1:8088/namespaces/"
                + env.getNamespace()
                + "/workflows/"
                + WORKFLOW_ID
                + "/"
                + runId
                + "/history");
  }

  @Test
  @Fault(
      dependency = "notification webhook",
      fault = "HTTP 500 once",
      outcome = "retried; delivered once")
  void aServerErrorIsRetriedAndTheNextAttemptDelivers() throws Exception {
    notifier();
    answer(500, "internal_error");
    answer(200, "ok");

    assertThat(sender().send(APPROVAL)).isNull();

    assertThat(hook.getRequestCount()).isEqualTo(2);
    assertThat(take().getBody().utf8()).isEqualTo(take().getBody().utf8());
  }

  @Test
  @Fault(
      dependency = "notification webhook",
      fault = "keeps failing (HTTP 503)",
      outcome = "4 tries, then reported without the secret URL; nothing fails")
  void aWebhookThatKeepsFailingIsTriedFourTimesThenReportedWithoutTheUrl() {
    notifier();
    for (int i = 0; i < 5; i++) {
      answer(503, "service unavailable at " + hookUrl());
    }

    String failure = sender().send(APPROVAL);

    assertThat(hook.getRequestCount()).isEqualTo(4);
    assertThat(failure)
        .isEqualTo("webhook answered HTTP 503: service unavailable at <webhook URL>")
        .doesNotContain("s3cr3t");
  }

  @Test
  @Fault(
      dependency = "notification webhook",
      fault = "refuses the message (HTTP 404)",
      outcome = "not retried; reported with what to check")
  void aRefusedMessageIsNotRetried() {
    notifier();
    answer(404, "no_service\nmore detail");

    String failure = sender().send(APPROVAL);

    assertThat(hook.getRequestCount()).isEqualTo(1);
    assertThat(failure)
        .isEqualTo(
            "webhook answered HTTP 404: no_service (check notify.webhook: the URL may be wrong or"
                + " revoked)");
  }

  @Test
  void aRedirectIsNeverFollowedNorRetried() throws Exception {
    notifier();
    // Where a compromised or mistaken endpoint would send the message (and the secret URL's path).
    hook.enqueue(
        new MockResponse.Builder()
            .code(307)
            .addHeader("Location", "http://127.0.0.1:" + hook.getPort() + "/elsewhere")
            .build());

    String failure = sender().send(APPROVAL);

    assertThat(hook.getRequestCount()).as("the redirect's target was not called").isEqualTo(1);
    assertThat(failure)
        .isEqualTo(
            "webhook answered with a redirect (HTTP 307), which baton never follows: set"
                + " notify.webhook to the final URL");
  }

  @Test
  void aMetadataAddressOrPlainHttpToAnotherMachineIsRefusedWithoutACall() {
    notifier(
        Notifications.EVENTS,
        Map.of("SLACK_WEBHOOK_URL", "http://169.254.169.254/latest/meta-data/iam"));
    assertThat(sender().send(APPROVAL))
        .isEqualTo(
            "notify.webhook.urlEnv: the URL in environment variable SLACK_WEBHOOK_URL points at"
                + " 169.254.169.254, a link-local or cloud-metadata address: refused");
    assertThat(hook.getRequestCount()).isZero();
  }

  @Test
  void rateLimitingIsRetried() {
    notifier();
    answer(429, "rate_limited");
    answer(200, "ok");

    assertThat(sender().send(APPROVAL)).isNull();
    assertThat(hook.getRequestCount()).isEqualTo(2);
  }

  @Test
  @Fault(
      dependency = "notification webhook",
      fault = "stopped",
      outcome = "retried, then reported without the secret URL")
  void anUnreachableWebhookIsRetriedAndNamedWithoutItsUrl() throws IOException {
    String url = hookUrl();
    hook.close(); // nothing listens there any more
    notifier(Notifications.EVENTS, Map.of("SLACK_WEBHOOK_URL", url));

    String failure = sender().send(APPROVAL);

    assertThat(failure).startsWith("webhook not reachable: ").doesNotContain("s3cr3t");
  }

  @Test
  void eventsLeftOutOfNotifyEventsAreOnlyLogged() {
    notifier(List.of(Notifications.RELEASE_FAILED), Map.of("SLACK_WEBHOOK_URL", hookUrl()));

    assertThat(sender().send(APPROVAL)).isNull();
    assertThat(hook.getRequestCount()).isZero();
  }

  @Test
  void aMissingUrlVariableFailsAtOnceAndSaysWhichVariable() {
    notifier(Notifications.EVENTS, Map.of());

    assertThat(sender().send(APPROVAL))
        .isEqualTo(
            "notify.webhook.urlEnv: environment variable SLACK_WEBHOOK_URL is not set on this"
                + " machine (it must hold the webhook URL)");
    assertThat(hook.getRequestCount()).isZero();
  }
}
