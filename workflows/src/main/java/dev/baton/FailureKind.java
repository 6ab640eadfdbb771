package dev.baton;

import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.Optional;

/**
 * The types of the ApplicationFailures baton raises. Each is non-retryable (a retry would not
 * change the answer, so the workflow or the operator decides what happens next), except {@link
 * #DATABASE_UNAVAILABLE} and {@link #ENGINE_UNAVAILABLE}, raised retryable (a dependency that does
 * not answer may come back: the workflow waits for it, see {@code OutageWait}), {@link
 * #NOTIFY_FAILED}, retryable unless the webhook refused the message, and {@link
 * #METRICS_UNAVAILABLE}, retryable.
 */
public enum FailureKind {
  /** A configuration problem found at run time (unknown site, missing file). */
  BAD_CONFIG,
  /** The request itself is invalid (a version that is not an image tag): nothing was touched. */
  BAD_REQUEST,
  /** The release could not find out where traffic goes now. */
  PLAN_FAILED,
  /** A site could not be deployed (image build, compose, a service never became healthy). */
  DEPLOY_FAILED,
  /** The standby failed its checks before the switch; traffic was never touched. */
  VALIDATION_FAILED,
  /**
   * A smoke test of {@code release.smoke} failed on the standby; traffic was never touched and the
   * standby keeps the new version for inspection.
   */
  SMOKE_FAILED,
  /**
   * A site runs other image digests for the version than the release published: the switch or
   * backfill was refused, nothing moved.
   */
  IMAGE_MISMATCH,
  /**
   * The schema migration of {@code release.migrate} failed (non-zero exit, or past its timeout) on
   * the active site; nothing was deployed or switched.
   */
  MIGRATION_FAILED,
  /** Replication is not streaming or lags more than allowed. */
  REPLICATION_UNHEALTHY,
  /** The router could not move traffic, or could not prove that it did. */
  SWITCH_FAILED,
  /** The new active site failed a probe while baking; traffic was moved back. */
  BAKE_FAILED,
  /** A person rejected the step. */
  REJECTED,
  /** Nobody approved in time and the policy says that means no. */
  APPROVAL_TIMEOUT,
  /** Backfilling the former active site failed; traffic stays on the new active site. */
  BACKFILL_FAILED,
  /** A person rolled the release back while it baked; traffic was moved back. */
  ROLLED_BACK,
  /** A rollback was asked for but the former active site is not healthy; nothing changed. */
  ROLLBACK_REFUSED,
  /** The release was cancelled; traffic was moved back if it had been switched. */
  CANCELLED,
  /** A site's database does not answer (connection refused, timed out, shutting down). */
  DATABASE_UNAVAILABLE,
  /**
   * A site's Docker engine does not answer (stopped, restarting, hung): raised retryable, and the
   * workflow then waits for it within {@code release.outageWait} before the step fails.
   */
  ENGINE_UNAVAILABLE,
  /** The primary could not be fenced (or unfenced): it is a replica, or a session stays open. */
  FENCE_FAILED,
  /** The replica cannot replay up to the fence: it is not a replica, or the LSN is malformed. */
  REPLAY_FAILED,
  /** The replica could not be promoted, or the database is a primary that is still fenced. */
  PROMOTE_FAILED,
  /** The former primary could not be re-seeded as a replica of the new one. */
  RESEED_FAILED,
  /** A failover was refused: the active site answers its probes (use a drill or --force). */
  FAILOVER_REFUSED,
  /** The site a failover or drill would move traffic to is not healthy; traffic did not move. */
  STANDBY_UNHEALTHY,
  /** Another release, drill or failover of the project is running. */
  BUSY,
  /** A notification could not be delivered (the webhook is unreachable, failed or refused it). */
  NOTIFY_FAILED,
  /**
   * Prometheus did not answer the bake's query (unreachable, 5xx): raised retryable; after the
   * retries the bake fails as "cannot judge".
   */
  METRICS_UNAVAILABLE;

  public String type() {
    return name();
  }

  /** A non-retryable failure of this kind: what every baton workflow throws. */
  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type());
  }

  /** The kind named {@code type} (an ApplicationFailure's type), if baton has one by that name. */
  public static Optional<FailureKind> of(String type) {
    return Arrays.stream(values()).filter(k -> k.type().equals(type)).findFirst();
  }

  /**
   * The kind a failure carries (itself or its cause, for an ActivityFailure), else {@code other}.
   */
  public static String typeOf(Throwable e, FailureKind other) {
    if (e instanceof ApplicationFailure app) {
      return app.getType();
    }
    return e.getCause() instanceof ApplicationFailure app ? app.getType() : other.type();
  }
}
