package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.router.RequestErrors;
import dev.baton.router.RequestErrorsRequest;
import dev.baton.router.ShiftRequest;
import dev.baton.router.ShiftResult;
import dev.baton.router.SwitchRequest;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A bake (and each weighted-shift step) judged by the new site's real traffic as the router logged
 * it: over the error rate or the p99 limit the release fails and traffic moves back; a quiet site
 * is reported and not judged.
 */
class ReleaseTrafficBakeTest extends ReleaseTestBase {
  private static final TrafficLimits LIMITS = new TrafficLimits(0.01, Duration.ofMillis(800), 50);
  private static final SwitchRequest BACK = new SwitchRequest("shop", "secondary", "primary");

  @Test
  @Fault(
      dependency = "real traffic (router access log)",
      fault = "new active site answers 5% of its requests with 5xx while baking",
      outcome =
          "BAKE_FAILED at the next probe naming the figures and the limit; traffic moved back")
  void anErrorRateAboveTheLimitFailsTheBakeAndMovesTrafficBack() {
    when(rig.requestLog.requestErrors(any()))
        .thenReturn(new RequestErrors(true, 200, 10, "10 of 200 requests failed (502 x10)", 40));

    rig.start(request(judged(policy(List.of()))));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("BAKE_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "bake: while baking, secondary's real traffic: 10 of 200 requests failed (502 x10),"
                + " 5.0% above the limit of 1.0%; traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
    ArgumentCaptor<RequestErrorsRequest> asked =
        ArgumentCaptor.forClass(RequestErrorsRequest.class);
    verify(rig.requestLog, atLeastOnce()).requestErrors(asked.capture());
    assertThat(asked.getValue().siteId()).isEqualTo("secondary");
  }

  @Test
  void aP99AboveTheLimitFailsTheBake() {
    when(rig.requestLog.requestErrors(any()))
        .thenReturn(new RequestErrors(true, 500, 0, "0 of 500 requests failed", 1500));

    rig.start(request(judged(policy(List.of()))));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getOriginalMessage())
        .startsWith(
            "bake: while baking, secondary's real traffic: p99 1500 ms over 500 requests, above"
                + " the limit of 800 ms");
    verify(rig.router).switchTo(BACK);
  }

  @Test
  void aQuietSiteIsReportedNotJudged() {
    when(rig.requestLog.requestErrors(any()))
        .thenReturn(new RequestErrors(true, 12, 3, "3 of 12 requests failed (502 x3)", 20));

    rig.start(request(judged(policy(List.of()))));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().steps().get(Step.BAKE.ordinal()).message())
        .endsWith(
            "; real traffic 12 requests, 25.0% failed, p99 20 ms, fewer than 50: not judged yet");
  }

  @Test
  void aShiftStepWhoseTrafficFailsMovesTrafficBack() {
    when(rig.requestLog.requestErrors(any()))
        .thenReturn(new RequestErrors(true, 100, 30, "30 of 100 requests failed (500 x30)", 30));
    when(rig.router.shift(any()))
        .thenAnswer(
            call -> {
              ShiftRequest r = call.getArgument(0);
              return new ShiftResult(r.toSite(), r.percent(), 7, "ok");
            });
    ReleasePolicy shifted =
        judged(
            PolicyCopy.of(policy(List.of()))
                .shift(List.of(10, 50, 100), Duration.ofSeconds(5))
                .build());

    rig.start(request(shifted));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("SWITCH_FAILED");
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "switch: at 10% on secondary's real traffic: 30 of 100 requests failed (500 x30),"
                + " 30.0% above the limit of 1.0%");
  }

  @Test
  void withoutLimitsTheRouterLogIsNotRead() {
    rig.start(request(policy(List.of())));

    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");
    verify(rig.requestLog, org.mockito.Mockito.never()).requestErrors(any());
  }

  private static ReleasePolicy judged(ReleasePolicy p) {
    return judged(p, LIMITS);
  }

  /** {@code p} with {@code limits} on the bake (and each shift step). */
  static ReleasePolicy judged(ReleasePolicy p, TrafficLimits limits) {
    return PolicyCopy.of(p).bakeTraffic(limits).build();
  }
}
