package dev.baton.probe;

import java.util.Map;

/**
 * @param failures app name to why its check failed; empty when healthy
 */
public record ProbeResult(String siteId, boolean healthy, int apps, Map<String, String> failures) {

  public String summary() {
    if (healthy) {
      return apps + " app(s) healthy";
    }
    StringBuilder text = new StringBuilder();
    failures.forEach(
        (app, why) -> text.append(text.isEmpty() ? "" : "; ").append(app).append(": ").append(why));
    return text.toString();
  }
}
