package dev.baton.router;

import static dev.baton.router.CloudflareMock.NAME;
import static dev.baton.router.CloudflareMock.PRIMARY;
import static dev.baton.router.CloudflareMock.RECORD_ID;
import static dev.baton.router.CloudflareMock.SECONDARY;
import static dev.baton.router.CloudflareMock.TOKEN;
import static dev.baton.router.CloudflareMock.ZONE;
import static dev.baton.router.CloudflareMock.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.FailureKind;
import dev.baton.config.DnsRouterConfig;
import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DNS router against a mock of Cloudflare's v4 API on 127.0.0.1. */
class DnsRouterActivitiesTest {
  private static final String RECORDS = "/client/v4/zones/" + ZONE + "/dns_records";
  private final CloudflareMock api = newMock();

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void currentTargetFindsTheRecordAndNamesItsSite() throws Exception {
    api.found(SECONDARY);

    assertThat(api.router().currentTarget(new RouterRequest("shop"))).isEqualTo("secondary");

    assertFind(api.take());
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void switchPatchesContentAndTtlThenReadsTheRecordBack() throws Exception {
    api.found(PRIMARY);
    api.ok(record(SECONDARY));
    api.ok(record(SECONDARY));

    SwitchResult result = api.router().switchTo(toSecondary());

    assertThat(result.target()).isEqualTo("secondary");
    assertThat(result.detail())
        .isEqualTo(
            "A record shop.example.com = 192.0.2.20 verified; clients follow within its TTL of"
                + " 60s");
    assertFind(api.take());
    assertPatch(api.take(), SECONDARY);
    assertGet(api.take());
  }

  @Test
  void switchingToWhereTrafficAlreadyGoesChangesNothing() throws Exception {
    api.found(SECONDARY);
    api.ok(record(SECONDARY));

    assertThat(api.router().switchTo(toSecondary()).target()).isEqualTo("secondary");

    assertFind(api.take());
    assertGet(api.take());
    assertThat(api.server.getRequestCount()).as("no PATCH").isEqualTo(2);
  }

  @Test
  void aReadBackThatDisagreesRestoresThePreviousContent() throws Exception {
    api.found(PRIMARY);
    api.ok(record(SECONDARY)); // PATCH
    api.ok(record("192.0.2.99")); // read-back: not what was written
    api.ok(record("192.0.2.99")); // restore reads the record
    api.ok(record(PRIMARY)); // restore PATCH

    ApplicationFailure failure = fails(() -> api.router().switchTo(toSecondary()));

    assertThat(failure.getType()).isEqualTo(FailureKind.SWITCH_FAILED.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: after the switch to secondary the provider still returns"
                + " 192.0.2.99 for A record shop.example.com (expected 192.0.2.20); the record holds"
                + " 192.0.2.10 (primary) as before");
    assertFind(api.take());
    assertPatch(api.take(), SECONDARY);
    assertGet(api.take());
    assertGet(api.take());
    assertPatch(api.take(), PRIMARY);
  }

  @Test
  void noRecordIsAClearError() {
    api.found();

    ApplicationFailure failure = fails(() -> api.router().currentTarget(new RouterRequest("shop")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: there is no A record named shop.example.com in zone "
                + ZONE
                + " (create it with the active site's content from router.targets, or fix"
                + " router.recordName / recordType / zoneId)");
  }

  @Test
  void severalRecordsAreAClearErrorAndNothingIsChanged() {
    api.found(PRIMARY, SECONDARY);

    ApplicationFailure failure = fails(() -> api.router().switchTo(toSecondary()));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: there are 2 A records named shop.example.com in zone "
                + ZONE
                + " (ids "
                + RECORD_ID
                + ", other1); baton moves exactly one: delete the others");
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  @Fault(
      dependency = "DNS provider API",
      fault = "token rejected (HTTP 403)",
      outcome = "permanent, naming where the token comes from")
  void aRejectedTokenIsPermanentAndSaysWhereTheTokenComesFrom() {
    api.error(403, 9109, "Invalid access token");

    ApplicationFailure failure = fails(() -> api.router().switchTo(toSecondary()));

    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: Cloudflare rejected the API token on GET "
                + api.apiUrl()
                + "/zones/"
                + ZONE
                + "/dns_records?type=A&name=shop.example.com (HTTP 403: 9109 Invalid access"
                + " token); check that router.tokenEnv (environment variable CF_API_TOKEN) holds a"
                + " token allowed to edit DNS in zone "
                + ZONE)
        .doesNotContain(TOKEN);
  }

  @Test
  void aTokenThatIsNotSetFailsBeforeAnyRequest() {
    DnsRouterConfig config = api.config(Duration.ofSeconds(5));
    DnsRouterActivities router =
        new DnsRouterActivities(
            config, DnsRouterActivities.provider(config, () -> config.token(Map.of())));

    ApplicationFailure failure = fails(() -> router.currentTarget(new RouterRequest("shop")));

    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: router.tokenEnv: environment variable CF_API_TOKEN is not set"
                + " on this machine (it must hold the cloudflare API token that may edit"
                + " shop.example.com)");
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  @Fault(
      dependency = "DNS provider API",
      fault = "stopped",
      outcome = "retryable; record not touched")
  void aProviderThatDoesNotAnswerIsRetryableAndTheRecordIsNotTouched() {
    api.stalled(Duration.ofSeconds(3), "[" + record(PRIMARY) + "]");

    ApplicationFailure failure =
        fails(() -> api.router(Duration.ofMillis(300)).switchTo(toSecondary()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(RouterFailures.UNAVAILABLE);
    assertThat(failure.getOriginalMessage())
        .startsWith("router dns cloudflare: no answer from Cloudflare to GET " + api.apiUrl())
        .contains("SocketTimeoutException")
        .endsWith("connectTimeout 2000ms, readTimeout 300ms)");
    assertThat(api.server.getRequestCount()).as("no PATCH").isEqualTo(1);
  }

  @Test
  @Fault(
      dependency = "DNS provider API",
      fault = "slow answer (update times out)",
      outcome = "retryable; old content left")
  void anUpdateThatTimesOutIsRetryableAndLeavesTheOldContent() throws Exception {
    api.found(PRIMARY);
    api.stalled(Duration.ofSeconds(3), record(SECONDARY)); // PATCH: no answer in time
    api.ok(record(PRIMARY)); // restore reads the record: it was not changed

    ApplicationFailure failure =
        fails(() -> api.router(Duration.ofMillis(300)).switchTo(toSecondary()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .startsWith("router dns cloudflare: no answer from Cloudflare to PATCH ")
        .endsWith("; the record holds 192.0.2.10 (primary) as before");
    assertFind(api.take());
    assertPatch(api.take(), SECONDARY);
    assertGet(api.take());
  }

  @Test
  void aServerErrorIsRetryable() {
    api.error(503, 10000, "Service unavailable");

    ApplicationFailure failure = fails(() -> api.router().currentTarget(new RouterRequest("shop")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .endsWith("(HTTP 503: 10000 Service unavailable); try again");
  }

  @Test
  @Fault(
      dependency = "DNS provider API",
      fault = "malformed answer (not JSON)",
      outcome = "clear non-retryable failure")
  void malformedJsonIsAClearError() {
    api.enqueue(200, "<html><body>Welcome to nginx!</body></html>");

    ApplicationFailure failure = fails(() -> api.router().currentTarget(new RouterRequest("shop")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: malformed answer from Cloudflare to GET "
                + api.apiUrl()
                + "/zones/"
                + ZONE
                + "/dns_records?type=A&name=shop.example.com (HTTP 200, body starts"
                + " \"<html><body>Welcome to nginx!</body></html>\"); is router.apiUrl ("
                + api.apiUrl()
                + ") Cloudflare's v4 API?");
  }

  @Test
  void aRecordPointingAtNoSiteIsAClearError() {
    api.found("198.51.100.7");

    ApplicationFailure failure = fails(() -> api.router().currentTarget(new RouterRequest("shop")));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: shop.example.com holds 198.51.100.7, which is none of the"
                + " sites' {primary=192.0.2.10, secondary=192.0.2.20} (router.targets)");
  }

  @Test
  void aWeightedShiftIsAPermanentConfigErrorThatTouchesNothing() {
    ApplicationFailure failure =
        fails(() -> api.router().shift(new ShiftRequest("shop", "primary", "secondary", 10)));

    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router dns cloudflare: a DNS record names one site, so it cannot shift 10% of"
                + " traffic; remove release.shift (weighted shifts need router.type nginx)");
    assertThat(api.server.getRequestCount()).isZero();
  }

  private static void assertFind(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(RECORDS);
    assertThat(request.getUrl().queryParameter("type")).isEqualTo("A");
    assertThat(request.getUrl().queryParameter("name")).isEqualTo(NAME);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  private static void assertGet(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(RECORDS + "/" + RECORD_ID);
    assertThat(request.getUrl().query()).isNull();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  private static void assertPatch(RecordedRequest request, String content) throws Exception {
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getUrl().encodedPath()).isEqualTo(RECORDS + "/" + RECORD_ID);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(new ObjectMapper().readTree(request.getBody().utf8()))
        .isEqualTo(new ObjectMapper().readTree("{\"content\":\"" + content + "\",\"ttl\":60}"));
  }

  private static SwitchRequest toSecondary() {
    return new SwitchRequest("shop", "primary", "secondary");
  }

  private static ApplicationFailure fails(Runnable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call::run);
    assertThat(failure).as("an ApplicationFailure").isNotNull();
    return failure;
  }

  private static CloudflareMock newMock() {
    try {
      return new CloudflareMock();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
