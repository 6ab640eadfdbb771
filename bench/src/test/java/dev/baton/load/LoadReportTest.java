package dev.baton.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static final String OLD = "127.0.0.1:3000";
  private static final String NEW = "127.0.0.1:3001";

  private static Sample ok(long at, String upstream) {
    return new Sample(at, 1, 200, upstream, null);
  }

  @Test
  void switchLatencyEndsAtTheRequestAfterTheLastOldAnswer() {
    LoadReport report =
        new LoadReport(
            List.of(
                ok(90, OLD), ok(100, OLD), ok(110, NEW), ok(120, OLD), ok(130, NEW), ok(140, NEW)));
    assertThat(report.millisUntilAllFrom(NEW, 100, Long.MAX_VALUE)).isEqualTo(30);
    assertThat(report.lastNotFrom(NEW, 100, Long.MAX_VALUE).sentAtMillis()).isEqualTo(120);
    assertThat(report.lastNotFrom(OLD, 0, 100)).isNull();
  }

  @Test
  void aFailureAfterTheSwitchCountsAsNotYetSwitched() {
    LoadReport report =
        new LoadReport(
            List.of(ok(100, NEW), new Sample(110, 2000, 0, null, "timeout"), ok(120, NEW)));
    assertThat(report.millisUntilAllFrom(NEW, 100, Long.MAX_VALUE)).isEqualTo(20);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.errors()).isEqualTo(Map.of("timeout", 1L));
    assertThat(report.failedBetween(100, 110)).isZero();
    assertThat(report.failedBetween(110, 120)).isEqualTo(1);
  }

  @Test
  void theNextSwitchBoundsTheWindow() {
    // Switch to NEW at 100, back to OLD at 200: answers from OLD after 200 do not count against
    // NEW.
    LoadReport report =
        new LoadReport(List.of(ok(100, OLD), ok(150, NEW), ok(210, OLD), ok(220, OLD)));
    assertThat(report.millisUntilAllFrom(NEW, 100, 200)).isEqualTo(50);
    assertThat(report.millisUntilAllFrom(OLD, 200, Long.MAX_VALUE)).isEqualTo(10);
  }

  @Test
  void anAnswerThatCameOnlyAfterTheNextMoveSaysNothingAboutThisOne() {
    // Switch to NEW at 100, back to OLD at 200. The request sent at 150 stalled until 250 and was
    // routed by the config of the move back: it does not count against the switch to NEW.
    LoadReport report =
        new LoadReport(
            List.of(
                ok(100, OLD),
                ok(110, NEW),
                new Sample(150, 100, 200, OLD, null),
                ok(160, NEW),
                new Sample(170, 2000, 0, null, "timeout")));
    assertThat(report.millisUntilAllFrom(NEW, 100, 200)).isEqualTo(-1);
    assertThat(report.lastNotFrom(NEW, 100, 200).sentAtMillis()).isEqualTo(170);

    LoadReport withoutTheFailure =
        new LoadReport(List.of(ok(100, OLD), ok(110, NEW), new Sample(150, 100, 200, OLD, null)));
    assertThat(withoutTheFailure.millisUntilAllFrom(NEW, 100, 200)).isEqualTo(10);
    assertThat(withoutTheFailure.lastNotFrom(NEW, 100, 200).sentAtMillis()).isEqualTo(100);
  }

  @Test
  void theSharePerSecondShowsAShiftInSteps() {
    LoadReport report =
        new LoadReport(
            List.of(
                ok(1000, OLD),
                ok(1500, OLD),
                ok(2000, NEW),
                ok(2300, OLD),
                new Sample(2600, 1, 502, NEW, "HTTP 502"),
                ok(2900, OLD),
                ok(3000, NEW),
                ok(3100, NEW)));
    assertThat(report.sharePerSecond(NEW, 1000, Long.MAX_VALUE, 30)).containsExactly(0, 25, 100);
    assertThat(report.sharePerSecond(NEW, 1000, 2500, 30)).containsExactly(0, 50);
    assertThat(report.sharePerSecond(NEW, 1000, Long.MAX_VALUE, 1)).containsExactly(0);
  }

  @Test
  void neverSwitchedIsMinusOne() {
    LoadReport report = new LoadReport(List.of(ok(100, OLD), ok(110, OLD)));
    assertThat(report.millisUntilAllFrom(NEW, 100, Long.MAX_VALUE)).isEqualTo(-1);
  }

  @Test
  void percentilesAndCountsUseSuccessfulAnswers() {
    LoadReport report =
        new LoadReport(
            List.of(
                new Sample(1, 5, 200, OLD, null),
                new Sample(2, 7, 200, OLD, null),
                new Sample(3, 9, 200, NEW, null),
                new Sample(4, 900, 502, NEW, "HTTP 502")));
    assertThat(report.percentileMillis(50)).isEqualTo(7);
    assertThat(report.percentileMillis(100)).isEqualTo(9);
    assertThat(report.byUpstream()).isEqualTo(Map.of(OLD, 2L, NEW, 1L));
  }
}
