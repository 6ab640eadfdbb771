package dev.baton.site;

import java.util.Map;

/**
 * @param versions service name to the version it runs ("" when it runs none)
 * @param detail a one-line summary for people, e.g. "api healthy, web starting"
 * @param states service name to its container's state: "healthy", "starting", "running" (no health
 *     check), "exited (1)"; empty from a worker older than this field
 */
public record SiteState(
    String siteId,
    Map<String, String> versions,
    boolean healthy,
    String detail,
    Map<String, String> states) {

  public SiteState(String siteId, Map<String, String> versions, boolean healthy, String detail) {
    this(siteId, versions, healthy, detail, Map.of());
  }

  public SiteState {
    states = states == null ? Map.of() : states;
  }
}
