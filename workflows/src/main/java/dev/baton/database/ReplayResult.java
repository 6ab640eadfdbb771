package dev.baton.database;

/**
 * @param waitedMillis how long the replica took to get there from the call's start
 * @param replayLsn where its replay was when it got there (at or past the requested LSN)
 */
public record ReplayResult(long waitedMillis, String replayLsn) {}
