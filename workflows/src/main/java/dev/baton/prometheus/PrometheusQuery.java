package dev.baton.prometheus;

/**
 * @param url Prometheus' base URL, e.g. {@code http://127.0.0.1:9090} (the API path is added)
 * @param query a PromQL expression, evaluated at the time of the call
 */
public record PrometheusQuery(String url, String query) {}
