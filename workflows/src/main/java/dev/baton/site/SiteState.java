package dev.baton.site;

import java.util.Map;

/**
 * @param versions service name to the version it runs ("" when it runs none)
 * @param detail a one-line summary for people, e.g. "api healthy, web starting"
 * @param states service name to its container's state: "healthy", "starting", "running" (no health
 *     check), "exited (1)"; empty from a worker older than this field
 * @param digests service name to the registry digest its image has ({@code repo@sha256:…}), in
 *     {@code images.mode: registry}; empty otherwise, and from a worker older than this field
 */
public record SiteState(
    String siteId,
    Map<String, String> versions,
    boolean healthy,
    String detail,
    Map<String, String> states,
    Map<String, String> digests) {

  public SiteState(String siteId, Map<String, String> versions, boolean healthy, String detail) {
    this(siteId, versions, healthy, detail, Map.of(), Map.of());
  }

  public SiteState(
      String siteId,
      Map<String, String> versions,
      boolean healthy,
      String detail,
      Map<String, String> states) {
    this(siteId, versions, healthy, detail, states, Map.of());
  }

  public SiteState {
    states = states == null ? Map.of() : states;
    digests = digests == null ? Map.of() : digests;
  }
}
