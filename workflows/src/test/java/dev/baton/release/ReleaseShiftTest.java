package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.healthy;
import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseTestRig.unhealthy;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.probe.ProbeRequest;
import dev.baton.router.ShiftRequest;
import dev.baton.router.ShiftResult;
import dev.baton.router.SwitchRequest;
import dev.baton.site.ActiveOnlyRequest;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** {@code release.shift: [10, 50, 100]}: traffic moves in steps, probed between them. */
class ReleaseShiftTest extends ReleaseTestBase {
  private static final SwitchRequest FORWARD = new SwitchRequest("shop", "primary", "secondary");
  private static final SwitchRequest BACK = new SwitchRequest("shop", "secondary", "primary");
  private static final ProbeRequest NEW_SITE = new ProbeRequest("shop", "secondary");
  private static final ReleasePolicy STEPS =
      PolicyCopy.of(policy(List.of())).shift(List.of(10, 50, 100), Duration.ofSeconds(5)).build();

  /** What `release status` showed of the traffic split each time the new site was probed. */
  private final List<String> splitsSeenByProbes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void routerShiftsAndProbesRecordTheSplit() {
    when(rig.router.shift(any()))
        .thenAnswer(
            call -> {
              ShiftRequest r = call.getArgument(0);
              return new ShiftResult(r.toSite(), r.percent(), 7, "ok");
            });
    when(rig.probe.probe(NEW_SITE))
        .thenAnswer(
            call -> {
              splitsSeenByProbes.add(String.valueOf(rig.running().progress().traffic()));
              return healthy();
            });
  }

  @Test
  void shiftsTenThenFiftyPercentProbingEachThenSwitchesWithTheQueueWorkers() {
    rig.start(request(STEPS));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    InOrder order = inOrder(rig.router, rig.probe, rig.primary, rig.secondary);
    order.verify(rig.probe).probe(NEW_SITE); // validate
    // Each step probes the new site when it starts and every probe interval until its pause ends.
    order.verify(rig.router).shift(new ShiftRequest("shop", "primary", "secondary", 10));
    order.verify(rig.probe, times(2)).probe(NEW_SITE);
    order.verify(rig.router).shift(new ShiftRequest("shop", "primary", "secondary", 50));
    order.verify(rig.probe, times(2)).probe(NEW_SITE);
    order.verify(rig.router).switchTo(FORWARD);
    // Queue workers move with the last step only (beside its switch, as in a one-step release).
    InOrder workers = inOrder(rig.router, rig.primary, rig.secondary);
    workers.verify(rig.router).shift(new ShiftRequest("shop", "primary", "secondary", 50));
    workers
        .verify(rig.primary)
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "primary", false));
    workers
        .verify(rig.secondary)
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "secondary", true));
    verify(rig.router, never()).shift(new ShiftRequest("shop", "primary", "secondary", 100));
    // validate, two probes per 5s pause (its start and end: the probe interval is 30s), the bake.
    String ten = "10% on secondary, 90% on primary";
    String fifty = "50% on secondary, 50% on primary";
    assertThat(splitsSeenByProbes).startsWith("null", ten, ten, fifty, fifty, "null");
    ReleaseProgress done = result.progress();
    assertThat(done.traffic()).isNull();
    assertThat(done.step(Step.SWITCH).message())
        .isEqualTo("traffic on secondary (switched in 42 ms) after 10% and 50% held 5s each");
  }

  @Test
  void theProgressNamesTheStepWhileTheNewSiteIsProbed() {
    ReleasePolicy slow =
        PolicyCopy.of(policy(List.of()))
            .shift(List.of(25, 100), Duration.ofSeconds(90))
            .build(); // 3 probes
    List<String> messages = new CopyOnWriteArrayList<>();
    doAnswer(
            call -> {
              messages.add(rig.running().progress().step(Step.SWITCH).message());
              return healthy();
            })
        .when(rig.probe)
        .probe(NEW_SITE);
    rig.start(request(slow));
    rig.stub().run(null);

    assertThat(messages)
        .contains(
            "25% on secondary (step 1 of 2): moving traffic",
            "25% on secondary (step 1 of 2) (shifted in 7 ms): 1 probe(s) passed, 90s left",
            "25% on secondary (step 1 of 2) (shifted in 7 ms): 2 probe(s) passed, 60s left");
  }

  @Test
  void aRollbackDuringTheShiftIsRefusedPointingToCancel() {
    List<String> refusals = new CopyOnWriteArrayList<>();
    doAnswer(
            call -> {
              ReleaseWorkflow running = rig.running();
              if (running.progress().traffic() != null && refusals.isEmpty()) {
                refusals.add(
                    ReleaseApprovalTest.refusal(
                        () -> running.rollback(new RollbackRequest("alice", "errors"))));
              }
              return healthy();
            })
        .when(rig.probe)
        .probe(NEW_SITE);
    rig.start(request(STEPS));
    assertThat(rig.stub().run(null).outcome()).isEqualTo("SUCCEEDED");

    assertThat(refusals)
        .containsExactly(
            "a weighted shift is under way (10% on secondary, 90% on primary):"
                + " `baton release cancel` moves all traffic back to primary");
  }

  @Test
  void aFailedProbeAtFiftyPercentMovesAllTrafficBackAndFailsTheSwitch() {
    doReturn(healthy(), healthy(), healthy(), healthy(), unhealthy("secondary"))
        .when(rig.probe)
        .probe(NEW_SITE);
    rig.start(request(STEPS));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("SWITCH_FAILED");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "switch: at 50% on secondary, secondary failed a probe: api: HTTP 500;"
                + " traffic moved back to primary");
    InOrder order = inOrder(rig.router);
    order.verify(rig.router).shift(new ShiftRequest("shop", "primary", "secondary", 50));
    order.verify(rig.router).switchTo(BACK);
    verify(rig.router, never()).switchTo(FORWARD);
    // The queue workers never left the old site.
    verify(rig.secondary, never())
        .setActiveOnlyServices(new ActiveOnlyRequest("shop", "secondary", true));
    ReleaseProgress progress = (ReleaseProgress) failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.activeSite()).isEqualTo("primary");
    assertThat(progress.traffic()).isNull();
    assertThat(progress.step(Step.SWITCH).state()).isEqualTo(StepState.COMPENSATED);
  }

  @Test
  void aShiftTheRouterRefusesMovesTrafficBack() {
    when(rig.router.shift(new ShiftRequest("shop", "primary", "secondary", 10)))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "router dns cloudflare: a DNS record cannot split traffic", "BAD_CONFIG"));
    rig.start(request(STEPS));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("BAD_CONFIG");
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "switch: router dns cloudflare: a DNS record cannot split traffic;"
                + " traffic moved back to primary");
    verify(rig.router).switchTo(BACK);
  }

  @Test
  void aShiftOfOneStepIsTheOrdinarySwitch() {
    rig.start(
        request(
            PolicyCopy.of(policy(List.of())).shift(List.of(100), Duration.ofSeconds(5)).build()));
    rig.stub().run(null);
    verify(rig.router, never()).shift(any());
    verify(rig.router).switchTo(FORWARD);
  }
}
