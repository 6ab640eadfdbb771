package dev.baton.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.cli.ExitCodes;
import dev.baton.release.ApprovalRecord;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.Step;
import dev.baton.release.StepState;
import dev.baton.release.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three ways `release status --watch` shows a release, frame by frame, with a fixed clock. */
class WatchViewsTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);
  private final TestClock clock = new TestClock(T0.plusSeconds(12));

  @Test
  void aTerminalGetsOneFrameRedrawnInPlaceWithRunningStepsCountingUp() {
    TerminalView view = new TerminalView(out, clock, 0);
    view.show(deploying());
    String first = take();
    assertThat(first)
        .isEqualTo(
            frame(
                "release v2 of shop, requested by carol: RUNNING",
                "active: primary   standby: secondary",
                "",
                "STEP            STATE       STARTED   DURATION  MESSAGE",
                "plan            succeeded   10:00:00      1.0s  primary active, v1 everywhere",
                "publish         pending",
                "migrate         pending",
                "deploy-standby  running     10:00:01     0m11s  api healthy, web 1/2 healthy",
                "validate        pending",
                "smoke           pending",
                "approve         pending",
                "switch          pending",
                "bake            pending",
                "backfill        pending",
                "done            pending",
                "",
                "watching, updated 10:00:12 (Ctrl-C stops watching, not the release)"));

    clock.advance(Duration.ofSeconds(2));
    view.show(deploying());
    String second = take();
    // Up over the lines drawn before, then the same lines with the elapsed time counted up.
    long drawn = first.chars().filter(c -> c == '\n').count();
    assertThat(second).startsWith("\r\033[" + drawn + "A").endsWith("\033[J");
    assertThat(second)
        .contains(
            "deploy-standby  running     10:00:01     0m13s  api healthy, web 1/2 healthy\033[K\n")
        .contains("updated 10:00:14");

    view.show(deploying());
    assertThat(take()).as("an unchanged frame is not written again").isEmpty();
  }

  @Test
  void aTerminalFrameShowsApprovalsRollbackAndTheSplitAndEndsWithoutTheWatchingLine() {
    TerminalView view = new TerminalView(out, clock, 60);
    view.show(baking());
    String frame = take();
    assertThat(frame)
        .contains("traffic: 25% on secondary, 75% on primary\033[K\n")
        .contains("rollback: instant: `baton release rollback` moves traffic b\033[K\n")
        .contains("  10:00:09 alice approve switch (update)\033[K\n");
    assertThat(frame.lines()).allMatch(l -> l.replace("\033[K", "").length() < 60);

    view.end(done());
    String last = take();
    assertThat(last).startsWith("\r\033[").contains(": SUCCEEDED").doesNotContain("watching");
  }

  @Test
  void plainOutputPrintsALineWhenSomethingChangedAndNoTerminalCodes() {
    PlainView view = new PlainView(out, clock);
    view.show(deploying());
    assertThat(take())
        .isEqualTo(
            "plan            succeeded   primary active, v1 everywhere\n"
                + "deploy-standby  running     api healthy, web 1/2 healthy\n");
    clock.advance(Duration.ofSeconds(5));
    view.show(deploying());
    assertThat(take()).as("only the elapsed time changed").isEmpty();

    view.show(baking());
    assertThat(take())
        .isEqualTo(
            "deploy-standby  succeeded   secondary runs v2\n"
                + "validate        succeeded   2 app(s) healthy\n"
                + "approve         succeeded   switch approved by alice: go\n"
                + "switch          succeeded   traffic on secondary\n"
                + "bake            running     watching for 1m\n"
                + "  approved by alice: go\n"
                + "  traffic: 25% on secondary, 75% on primary\n"
                + "  rollback: instant: `baton release rollback` moves traffic back to primary\n");

    view.end(done());
    String end = take();
    assertThat(end).contains(": SUCCEEDED").doesNotContain("\033[");
    assertThat(end).startsWith("bake            succeeded   baked 1m\n");
  }

  @Test
  void jsonPrintsOneObjectPerChangeOnALineOfItsOwn() throws Exception {
    JsonView view = new JsonView(out);
    view.show(deploying());
    view.show(deploying());
    view.show(baking());
    view.end(done());
    List<String> lines = take().lines().toList();
    assertThat(lines).hasSize(3);
    List<JsonNode> objects = new ArrayList<>();
    for (String line : lines) {
      objects.add(JsonView.MAPPER.readTree(line));
    }
    assertThat(objects.get(0).get("currentStep").asText()).isEqualTo("DEPLOY_STANDBY");
    assertThat(
            objects
                .get(0)
                .get("steps")
                .get(Step.DEPLOY_STANDBY.ordinal())
                .get("startedAt")
                .asText())
        .isEqualTo("2026-11-29T10:00:01Z");
    assertThat(objects.get(1).get("traffic").asText()).startsWith("25% on secondary");
    assertThat(objects.get(2).get("outcome").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void theWatcherShowsEveryPollAndEndsWithTheOutcomesExitCode() {
    Iterator<Optional<ReleaseProgress>> polls =
        List.of(Optional.<ReleaseProgress>empty(), Optional.of(deploying()), Optional.of(done()))
            .iterator();
    List<String> seen = new ArrayList<>();
    int code = new Watcher(polls::next, recorder(seen), Duration.ZERO).untilEnded();
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(seen).containsExactly("show DEPLOY_STANDBY", "end DONE SUCCEEDED");
    assertThat(Watcher.exitCode("REJECTED")).isEqualTo(ExitCodes.REFUSED);
    assertThat(Watcher.exitCode("ROLLED_BACK")).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void untilApprovalStopsWithTheFullStatusWhenAStepWaitsAndNeverReadsFurther() {
    ReleaseProgress deploying = deploying();
    ReleaseProgress waiting =
        new ReleaseProgress(
            "shop",
            "v2",
            "carol",
            "primary",
            "secondary",
            Step.APPROVE,
            "switch",
            deploying.steps(),
            List.of(),
            null,
            "",
            null,
            null,
            List.of(),
            null,
            false,
            List.of(),
            java.util.Map.of(),
            null);
    Iterator<Optional<ReleaseProgress>> polls =
        List.of(Optional.of(deploying), Optional.of(waiting), Optional.of(done())).iterator();
    List<String> seen = new ArrayList<>();
    int code = new Watcher(polls::next, recorder(seen), Duration.ZERO).until(true);
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(seen).containsExactly("show DEPLOY_STANDBY", "end APPROVE waiting for switch");
    assertThat(polls.hasNext()).as("stopped at the approval, before the release ended").isTrue();
  }

  /** A view that notes each poll it is shown and how the watch ended. */
  private static WatchView recorder(List<String> seen) {
    return new WatchView() {
      @Override
      public void show(ReleaseProgress progress) {
        seen.add("show " + progress.currentStep());
      }

      @Override
      public void end(ReleaseProgress progress) {
        seen.add(
            "end "
                + progress.currentStep()
                + (progress.outcome() != null
                    ? " " + progress.outcome()
                    : " waiting for " + progress.waitingFor()));
      }
    };
  }

  private String take() {
    out.flush();
    String taken = text.toString();
    text.getBuffer().setLength(0);
    return taken;
  }

  private static String frame(String... lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append("\033[K\n");
    }
    return text.append("\033[J").toString();
  }

  private static StepStatus ended(Step step, int from, int to, String message) {
    return new StepStatus(
        step, StepState.SUCCEEDED, T0.plusSeconds(from), T0.plusSeconds(to), message);
  }

  private static StepStatus pending(Step step) {
    return new StepStatus(step, StepState.PENDING, null, null, "");
  }

  private static ReleaseProgress progress(
      Step current,
      List<StepStatus> steps,
      List<ApprovalRecord> approvals,
      String outcome,
      String rollback,
      String traffic) {
    // Every step in order, as the workflow reports them; those not given are pending.
    List<StepStatus> all = new ArrayList<>();
    for (Step s : Step.values()) {
      all.add(steps.stream().filter(g -> g.step() == s).findFirst().orElse(pending(s)));
    }
    return new ReleaseProgress(
        "shop",
        "v2",
        "carol",
        "primary",
        "secondary",
        current,
        null,
        all,
        approvals,
        outcome,
        outcome == null ? "" : "release v2 done",
        rollback,
        traffic,
        List.of(),
        null,
        false,
        java.util.List.of(),
        java.util.Map.of(),
        null);
  }

  private static ReleaseProgress deploying() {
    return progress(
        Step.DEPLOY_STANDBY,
        List.of(
            ended(Step.PLAN, 0, 1, "primary active, v1 everywhere"),
            new StepStatus(
                Step.DEPLOY_STANDBY,
                StepState.RUNNING,
                T0.plusSeconds(1),
                null,
                "api healthy, web 1/2 healthy")),
        List.of(),
        null,
        null,
        null);
  }

  private static final ApprovalRecord ALICE =
      new ApprovalRecord("switch", "alice", "go", "approve", true, "", "update", T0.plusSeconds(9));

  private static List<StepStatus> upToBake(StepStatus bake) {
    return List.of(
        ended(Step.PLAN, 0, 1, "primary active, v1 everywhere"),
        ended(Step.DEPLOY_STANDBY, 1, 5, "secondary runs v2"),
        ended(Step.VALIDATE, 5, 6, "2 app(s) healthy"),
        ended(Step.APPROVE, 6, 9, "switch approved by alice: go"),
        ended(Step.SWITCH, 9, 10, "traffic on secondary"),
        bake);
  }

  private static ReleaseProgress baking() {
    return progress(
        Step.BAKE,
        upToBake(
            new StepStatus(
                Step.BAKE, StepState.RUNNING, T0.plusSeconds(10), null, "watching for 1m")),
        List.of(ALICE),
        null,
        "instant: `baton release rollback` moves traffic back to primary",
        "25% on secondary, 75% on primary");
  }

  private static ReleaseProgress done() {
    List<StepStatus> steps = new ArrayList<>(upToBake(ended(Step.BAKE, 10, 70, "baked 1m")));
    steps.add(ended(Step.BACKFILL, 70, 80, "primary runs v2"));
    steps.add(ended(Step.DONE, 80, 80, "both on v2"));
    return progress(Step.DONE, steps, List.of(ALICE), "SUCCEEDED", "not instant: backfilled", null);
  }

  /** A clock the test moves by hand; UTC, so the times in frames do not depend on the machine. */
  private static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
