package dev.baton.smoke;

/** Run {@code check} against {@code siteId}, the standby, which runs {@code version}. */
public record SmokeRequest(String project, String siteId, String version, SmokeCheck check) {}
