package dev.baton.probe;

public record ProbeRequest(String project, String siteId) {}
