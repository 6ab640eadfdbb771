package dev.baton.release;

public enum StepState {
  PENDING,
  RUNNING,
  /** Waiting for a person to approve. */
  WAITING,
  SUCCEEDED,
  SKIPPED,
  FAILED,
  CANCELLED,
  /** Its effect was undone: traffic was moved back. */
  COMPENSATED
}
