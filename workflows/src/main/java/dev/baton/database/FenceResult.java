package dev.baton.database;

/**
 * @param lsn the primary's WAL flush position after the fence: every write it acknowledged is at or
 *     before it, so a replica that replayed up to it has everything
 * @param terminatedSessions client sessions ended so none keeps writing in an open transaction
 * @param alreadyFenced it was fenced before this call (a retry, or an earlier attempt)
 */
public record FenceResult(String lsn, int terminatedSessions, boolean alreadyFenced) {}
