package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseTrafficBakeTest.judged;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.prometheus.PrometheusQuery;
import dev.baton.prometheus.PrometheusReading;
import dev.baton.router.RequestErrors;
import dev.baton.router.ShiftRequest;
import dev.baton.router.ShiftResult;
import dev.baton.router.SwitchRequest;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bake's Prometheus gate: the query runs at each probe of the bake (and of each weighted-shift
 * step); a value above the maximum, an empty result under {@code onNoData: fail} or a Prometheus
 * that does not answer fails the release and moves traffic back.
 */
class ReleasePrometheusGateTest extends ReleaseTestBase {
  private static final String QUERY = "sum(rate(shop_api_errors_total[30s]))";
  private static final PrometheusQuery ASKED = new PrometheusQuery("http://127.0.0.1:9090", QUERY);
  private static final SwitchRequest BACK = new SwitchRequest("shop", "secondary", "primary");

  @Test
  @Fault(
      dependency = "Prometheus gate (release.bake.prometheus)",
      fault = "the query's value is above max while baking",
      outcome = "BAKE_FAILED naming the query, the value and the limit; traffic moved back")
  void aValueAboveTheMaximumFailsTheBakeAndMovesTrafficBack() {
    when(rig.prometheus.query(ASKED)).thenReturn(new PrometheusReading(true, 2.5, 1));

    rig.start(request(gated(true)));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("BAKE_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "bake: while baking, secondary's Prometheus gate: "
                + QUERY
                + " = 2.5, above the limit of 0.5; traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
    // No error rate or p99 limit: the router's access log is not read.
    verify(rig.requestLog, never()).requestErrors(any());
  }

  @Test
  void aValueAtTheMaximumPassesAndTheBakeShowsIt() {
    when(rig.prometheus.query(ASKED)).thenReturn(new PrometheusReading(true, 0.5, 1));

    rig.start(request(gated(true)));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().steps().get(Step.BAKE.ordinal()).message())
        .endsWith("; prometheus 0.5 (max 0.5)");
    verify(rig.prometheus, atLeastOnce()).query(ASKED);
  }

  @Test
  @Fault(
      dependency = "Prometheus gate (release.bake.prometheus)",
      fault = "the query returns no data (empty vector or NaN), onNoData: fail (the default)",
      outcome = "BAKE_FAILED \"cannot judge\"; traffic moved back (onNoData: pass bakes on)")
  void noDataFailsTheBakeUnlessOnNoDataPasses() {
    when(rig.prometheus.query(ASKED)).thenReturn(PrometheusReading.noData(0));

    rig.start(request(gated(true)));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getOriginalMessage())
        .startsWith(
            "bake: while baking, secondary's Prometheus gate: cannot judge, "
                + QUERY
                + " returned no data (onNoData: fail)");
    verify(rig.router).switchTo(BACK);
  }

  @Test
  void noDataUnderOnNoDataPassIsReportedAndPasses() {
    when(rig.prometheus.query(ASKED)).thenReturn(PrometheusReading.noData(0));

    rig.start(request(gated(false)));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().steps().get(Step.BAKE.ordinal()).message())
        .endsWith("; prometheus no data (onNoData: pass)");
  }

  @Test
  @Fault(
      dependency = "Prometheus gate (release.bake.prometheus)",
      fault = "Prometheus does not answer while baking",
      outcome = "3 attempts, then BAKE_FAILED \"cannot judge\" with the reason; traffic moved back")
  void aPrometheusThatDoesNotAnswerFailsTheBakeAfterRetries() {
    when(rig.prometheus.query(ASKED))
        .thenThrow(
            ApplicationFailure.newFailure(
                "Prometheus at http://127.0.0.1:9090 did not answer: Connection refused",
                "METRICS_UNAVAILABLE"));

    rig.start(request(gated(true)));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "bake: while baking, secondary's Prometheus gate: cannot judge, Prometheus at"
                + " http://127.0.0.1:9090 did not answer: Connection refused; traffic moved back"
                + " to primary");
    verify(rig.prometheus, times(3)).query(ASKED);
    verify(rig.router).switchTo(BACK);
  }

  @Test
  void theGateAndTheAccessLogAreBothJudgedAndShown() {
    when(rig.requestLog.requestErrors(any()))
        .thenReturn(new RequestErrors(true, 200, 0, "0 of 200 requests failed", 40));
    when(rig.prometheus.query(ASKED)).thenReturn(new PrometheusReading(true, 0, 1));
    TrafficLimits both = new TrafficLimits(0.01, null, 50, gate(true));

    rig.start(request(judged(policy(List.of()), both)));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().steps().get(Step.BAKE.ordinal()).message())
        .endsWith("; real traffic 200 requests, 0.0% failed, p99 40 ms, prometheus 0 (max 0.5)");
  }

  @Test
  void aShiftStepWhoseGateFailsMovesTrafficBack() {
    when(rig.prometheus.query(ASKED)).thenReturn(new PrometheusReading(true, 7, 2));
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
                .build(),
            new TrafficLimits(null, null, 20, gate(true)));

    rig.start(request(shifted));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("SWITCH_FAILED");
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "switch: at 10% on secondary's Prometheus gate: "
                + QUERY
                + " = 7, above the limit of 0.5");
  }

  private static ReleasePolicy gated(boolean failOnNoData) {
    return judged(policy(List.of()), new TrafficLimits(null, null, 20, gate(failOnNoData)));
  }

  private static PrometheusGate gate(boolean failOnNoData) {
    return new PrometheusGate("http://127.0.0.1:9090", QUERY, 0.5, failOnNoData);
  }
}
