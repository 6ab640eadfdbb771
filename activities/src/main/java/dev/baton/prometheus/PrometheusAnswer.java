package dev.baton.prometheus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the body of Prometheus' {@code /api/v1/query}: {@code {"status":"success","data":
 * {"resultType":"vector","result":[{"metric":{...},"value":[<time>,"<number>"]}]}}}, or a scalar
 * ({@code "result":[<time>,"<number>"]}). The values are strings, "NaN" and "+Inf" included.
 */
final class PrometheusAnswer {
  private PrometheusAnswer() {}

  /**
   * The reading: the largest value among the series, or no data for an empty vector or when every
   * value is NaN.
   *
   * @throws IllegalArgumentException with a message for the operator, when the answer is an error,
   *     a range vector or a string, or is not Prometheus' format
   */
  static PrometheusReading read(JsonNode body) {
    if (!"success".equals(body.path("status").asText())) {
      String error = body.path("error").asText("");
      throw new IllegalArgumentException(
          "Prometheus refused the query"
              + (error.isEmpty() ? "" : ": " + error)
              + (body.hasNonNull("errorType") ? " (" + body.get("errorType").asText() + ")" : ""));
    }
    JsonNode data = body.path("data");
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (type) {
      case "scalar":
        return reading(new JsonNode[] {result}, 1);
      case "vector":
        JsonNode[] values = new JsonNode[result.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = result.get(i).path("value");
        }
        return reading(values, values.length);
      case "matrix":
        throw new IllegalArgumentException(
            "the query returns a range vector (matrix): write an instant query, e.g."
                + " max_over_time(x[1m]) or rate(x[1m]) instead of x[1m]");
      default:
        throw new IllegalArgumentException(
            "the query returns "
                + (type.isEmpty() ? "no resultType" : "a " + type)
                + ", not a number: write an instant vector or scalar query");
    }
  }

  private static PrometheusReading reading(JsonNode[] samples, int series) {
    double largest = Double.NaN;
    for (JsonNode sample : samples) {
      if (!sample.isArray() || sample.size() != 2) {
        throw new IllegalArgumentException("not a Prometheus sample: " + sample);
      }
      double value = number(sample.get(1).asText());
      if (!Double.isNaN(value) && (Double.isNaN(largest) || value > largest)) {
        largest = value;
      }
    }
    return Double.isNaN(largest)
        ? PrometheusReading.noData(series)
        : new PrometheusReading(true, largest, series);
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.replace("Inf", "Infinity"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Prometheus value: \"" + text + "\"");
    }
  }
}
