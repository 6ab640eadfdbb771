package dev.baton.release;

import java.time.Instant;

/** One step as {@code release status} shows it; times are null until the step starts or ends. */
public record StepStatus(
    Step step, StepState state, Instant startedAt, Instant endedAt, String message) {

  static StepStatus pending(Step step) {
    return new StepStatus(step, StepState.PENDING, null, null, "");
  }

  StepStatus with(StepState newState, Instant now, String newMessage) {
    Instant start = startedAt == null ? now : startedAt;
    boolean ended = newState != StepState.RUNNING && newState != StepState.WAITING;
    return new StepStatus(step, newState, start, ended ? now : null, newMessage);
  }
}
