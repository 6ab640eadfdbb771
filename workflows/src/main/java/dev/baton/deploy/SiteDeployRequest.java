package dev.baton.deploy;

import java.time.Duration;

public record SiteDeployRequest(
    String project, String siteId, String version, Duration deployTimeout) {}
