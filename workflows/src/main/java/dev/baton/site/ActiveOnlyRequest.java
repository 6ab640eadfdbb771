package dev.baton.site;

/**
 * @param running true to start the active-only services, false to stop them
 */
public record ActiveOnlyRequest(String project, String siteId, boolean running) {}
