package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {
  @Test
  void aReleaseWithoutAnOutcomeYetIsRunning() {
    assertThat(Outcome.of((String) null)).isEqualTo(Outcome.RUNNING);
    assertThat(Outcome.of("SUCCEEDED")).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aFailureKindsNameReadsBackAsThatKind() {
    Outcome rolledBack = Outcome.of("ROLLED_BACK");

    assertThat(rolledBack).isEqualTo(Outcome.of(FailureKind.ROLLED_BACK));
    assertThat(rolledBack.is(FailureKind.ROLLED_BACK)).isTrue();
    assertThat(rolledBack.failureKind()).contains(FailureKind.ROLLED_BACK);
    assertThat(rolledBack.name()).isEqualTo("ROLLED_BACK");
  }

  @Test
  void aForeignFailureTypeKeepsItsNameAndHasNoKind() {
    Outcome foreign = Outcome.of("java.lang.IllegalStateException");

    assertThat(foreign.failureKind()).isEmpty();
    assertThat(foreign.toString()).isEqualTo("java.lang.IllegalStateException");
    assertThat(Outcome.SUCCEEDED.failureKind()).isEmpty();
    assertThat(Outcome.RUNNING.failureKind()).isEmpty();
  }

  @Test
  void aFailureWithoutAKindTakesTheOtherOne() {
    assertThat(Outcome.of(new IllegalStateException("boom"), FailureKind.SWITCH_FAILED))
        .isEqualTo(Outcome.of(FailureKind.SWITCH_FAILED));
    assertThat(Outcome.of(FailureKind.BUSY.failure("busy"), FailureKind.SWITCH_FAILED))
        .isEqualTo(Outcome.of(FailureKind.BUSY));
  }
}
