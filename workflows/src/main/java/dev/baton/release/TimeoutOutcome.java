package dev.baton.release;

/** What an approval wait that runs out of time means. */
public enum TimeoutOutcome {
  REJECT,
  APPROVE
}
