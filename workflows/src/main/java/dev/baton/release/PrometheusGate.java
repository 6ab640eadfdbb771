package dev.baton.release;

/**
 * A Prometheus query that judges the new active site during the bake and at each step of a weighted
 * shift ({@code release.bake.prometheus}), as Argo Rollouts' analysis does: the value it returns
 * must not be above {@code max}.
 *
 * @param url Prometheus' base URL (https, or http to this machine)
 * @param query a PromQL instant query; with several series the largest value is judged
 * @param max the largest value that passes
 * @param failOnNoData an empty result (or NaN) fails the step when true ({@code onNoData: fail},
 *     the default), passes it when false ({@code onNoData: pass})
 */
public record PrometheusGate(String url, String query, double max, boolean failOnNoData) {

  /** "prometheus rate(errors[1m]) at most 0.5". */
  public String describe() {
    return "prometheus " + query + " at most " + number(max);
  }

  /** 0.5 as "0.5", 3.0 as "3": a value as an operator wrote it. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(java.util.Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "");
  }
}
