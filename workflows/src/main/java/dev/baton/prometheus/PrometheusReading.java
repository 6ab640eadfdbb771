package dev.baton.prometheus;

/**
 * What an instant query returned.
 *
 * @param hasData false when the result held no number (an empty vector, NaN)
 * @param value the largest value among the series returned (or the scalar); 0 without data
 * @param series how many series the result held (1 for a scalar)
 */
public record PrometheusReading(boolean hasData, double value, int series) {

  public static PrometheusReading noData(int series) {
    return new PrometheusReading(false, 0, series);
  }
}
