package dev.baton.database;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The sites' PostgreSQL databases (database mode {@code replicated}). Runs on the control queue;
 * credentials are read by the worker from the env var or file the config names, never sent.
 *
 * <p>A lossless switchover is {@link #fence} the primary, {@link #awaitReplay} on the replica up to
 * the fence's LSN, {@link #promote} the replica; {@link #unfence} is the compensation while the
 * replica has not been promoted. Every method is idempotent. Failures are ApplicationFailures typed
 * with {@code dev.baton.FailureKind}: {@code DATABASE_UNAVAILABLE} (retryable: the database does
 * not answer) or the method's own kind (non-retryable: retrying would not help).
 */
@ActivityInterface(namePrefix = "Database.")
public interface DatabaseActivities {

  /** Whether {@code replicaSite}'s database streams from {@code primarySite}'s, and its lag. */
  @ActivityMethod
  ReplicationStatus replicationStatus(ReplicationRequest request);

  /** Primary or replica, fenced or not, and its WAL position; never fails for being down. */
  @ActivityMethod
  DatabaseRoleResult role(DatabaseRequest request);

  /**
   * Makes a primary refuse writes: {@code default_transaction_read_only} on (ALTER SYSTEM and
   * reload), then ends every other client session, so none keeps writing in a transaction it opened
   * before. Returns the WAL flush LSN after that. Fails with {@code FENCE_FAILED} on a replica, or
   * when a session inside a transaction cannot be ended. Sessions that set {@code
   * default_transaction_read_only = off} themselves, or superuser sessions baton cannot end, are
   * outside what a fence can stop: see docs/database.md.
   */
  @ActivityMethod
  FenceResult fence(DatabaseRequest request);

  /** Undoes {@link #fence}: resets {@code default_transaction_read_only} and reloads. */
  @ActivityMethod
  void unfence(DatabaseRequest request);

  /**
   * Polls the replica until it has replayed up to {@code lsn}, heartbeating the bytes still to go.
   * Fails with {@code REPLAY_FAILED} (non-retryable) when the database is not in recovery or the
   * LSN is malformed. Bound it with StartToClose and a heartbeat timeout.
   */
  @ActivityMethod
  ReplayResult awaitReplay(ReplayRequest request);

  /**
   * Promotes a replica ({@code pg_promote}, waiting up to 60 s). Before that it resets {@code
   * default_transaction_read_only}, which a replica copies with {@code postgresql.auto.conf} when
   * it was seeded from a fenced primary, so the new primary accepts writes at once. A database that
   * already is a primary is left alone ({@code promoted} false); if it is fenced, that is {@code
   * PROMOTE_FAILED} (non-retryable): it is most likely the fenced former primary.
   */
  @ActivityMethod
  PromoteResult promote(DatabaseRequest request);
}
