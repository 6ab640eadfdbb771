package dev.baton.database;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The sites' PostgreSQL databases (database mode {@code replicated}). Runs on the control queue;
 * credentials are read by the worker from the env var or file the config names.
 */
@ActivityInterface(namePrefix = "Database.")
public interface DatabaseActivities {

  /** Whether {@code replicaSite}'s database streams from {@code primarySite}'s, and its lag. */
  @ActivityMethod
  ReplicationStatus replicationStatus(ReplicationRequest request);
}
