package dev.baton.site;

import java.util.Map;

/**
 * @param versions service name to the version it runs ("" when it runs none)
 * @param detail a one-line summary for people, e.g. "api healthy, web starting"
 */
public record SiteState(
    String siteId, Map<String, String> versions, boolean healthy, String detail) {}
