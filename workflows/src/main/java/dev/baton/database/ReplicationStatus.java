package dev.baton.database;

/**
 * @param streaming the replica is in recovery and streams from the primary
 * @param lagBytes WAL written on the primary and not yet replayed on the replica
 * @param lagMillis age of the last replayed transaction, as the replica sees it
 */
public record ReplicationStatus(boolean streaming, long lagBytes, long lagMillis, String detail) {}
