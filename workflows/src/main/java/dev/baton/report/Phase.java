package dev.baton.report;

/**
 * One timed part of a failover or a drill, as its report shows it.
 *
 * @param name e.g. confirm-down, fence, promote, switch, verify
 * @param state RUNNING, SUCCEEDED, FAILED or SKIPPED (a best-effort part that could not be done)
 * @param startedAtMillis epoch millis, workflow time
 * @param millis how long it took; 0 while running
 */
public record Phase(String name, String state, long startedAtMillis, long millis, String detail) {}
