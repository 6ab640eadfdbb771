package dev.baton.config;

import dev.baton.net.OutboundUrl;
import dev.baton.release.PrometheusGate;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * {@code release.bake.prometheus}: an instant query the new active site must pass while it bakes
 * and at each step of a weighted shift:
 *
 * <pre>
 * bake:
 *   duration: 5m
 *   prometheus:
 *     url: http://127.0.0.1:9090          # https, or plain http to this machine
 *     query: sum(rate(shop_api_errors_total[1m]))
 *     max: 0.5                            # a value above this fails the bake
 *     onNoData: fail                      # fail (default) or pass: an empty result or NaN
 * </pre>
 */
final class PrometheusGateReader {
  static final List<String> KEYS = List.of("url", "query", "max", "onNoData");

  private PrometheusGateReader() {}

  /** The gate, or null when absent or after reporting what is wrong with it. */
  static PrometheusGate gate(TreeReader r) {
    if (!r.isPresent()) {
      return null;
    }
    if (!r.mapping(true, "a mapping with url, query, max and onNoData", KEYS)) {
      return null;
    }
    String url = url(r.child("url"));
    String query = r.child("query").text(true, "a PromQL query, e.g. sum(rate(errors_total[1m]))");
    Double max = max(r.child("max"));
    Boolean failOnNoData = onNoData(r.child("onNoData"));
    if (url == null || query == null || max == null || failOnNoData == null) {
      return null;
    }
    return new PrometheusGate(url, query, max, failOnNoData);
  }

  /**
   * The outbound-URL rules of webhooks and DNS APIs (https, or plain http to this machine; never a
   * cloud-metadata address), and no credentials: the URL is copied into the release's history.
   */
  private static String url(TreeReader node) {
    String url = node.text(true, "Prometheus' base URL, e.g. http://127.0.0.1:9090");
    if (url == null) {
      return null;
    }
    String problem = OutboundUrl.problem(url, true);
    if (problem != null) {
      node.report("the URL " + problem);
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(url);
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      node.report(
          "the URL carries credentials, which would be recorded in the release's history:"
              + " point it at a Prometheus (or a proxy) that needs none");
      return null;
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      node.report("is Prometheus' base URL, e.g. http://127.0.0.1:9090, without ?query or #");
      return null;
    }
    return url;
  }

  private static Double max(TreeReader node) {
    String text = node.text(true, "a number, e.g. 0.5");
    if (text == null) {
      return null;
    }
    try {
      double max = Double.parseDouble(text);
      if (Double.isFinite(max)) {
        return max;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    node.report("\"" + text + "\" is not a number, e.g. 0.5");
    return null;
  }

  private static Boolean onNoData(TreeReader node) {
    String text = node.text(false, "fail or pass");
    if (text == null) {
      return node.isPresent() ? null : true;
    }
    return switch (text) {
      case "fail" -> true;
      case "pass" -> false;
      default -> {
        node.report("\"" + text + "\" is not fail or pass");
        yield null;
      }
    };
  }
}
