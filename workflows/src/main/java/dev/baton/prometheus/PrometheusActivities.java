package dev.baton.prometheus;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs an instant query against Prometheus' HTTP API ({@code GET /api/v1/query}) for the bake's
 * Prometheus gate ({@code release.bake.prometheus}). Runs on the control queue. An answer without a
 * value (an empty vector, NaN) is an answer, {@code hasData} false; a Prometheus that does not
 * answer throws, retryable ({@code METRICS_UNAVAILABLE}); one that refuses the query (a syntax
 * error, a URL baton does not call) throws non-retryable.
 */
@ActivityInterface(namePrefix = "Prometheus.")
public interface PrometheusActivities {

  @ActivityMethod
  PrometheusReading query(PrometheusQuery query);
}
