package dev.baton.site;

import java.util.Map;

/**
 * @param images service name to the image reference it now runs
 * @param changed false when the site already ran this version and nothing was touched
 */
public record DeployResult(
    String siteId, String version, Map<String, String> images, boolean changed, String message) {}
