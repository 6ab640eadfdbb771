package dev.baton.database;

/** Wait until {@code replicaSite}'s database has replayed the WAL up to {@code lsn}. */
public record ReplayRequest(String project, String replicaSite, String lsn) {}
