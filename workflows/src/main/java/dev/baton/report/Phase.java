package dev.baton.report;

import dev.baton.release.StepState;

/**
 * One timed part of a failover or a drill, as its report shows it.
 *
 * @param name e.g. confirm-down, fence, promote, switch, verify
 * @param state RUNNING, SUCCEEDED, FAILED or SKIPPED (a best-effort part that could not be done):
 *     the release's step states, so the CLI and the history read phases and steps alike. Every
 *     phase ever recorded holds one of these names, so old reports still read
 * @param startedAtMillis epoch millis, workflow time
 * @param millis how long it took; 0 while running
 */
public record Phase(
    String name, StepState state, long startedAtMillis, long millis, String detail) {}
