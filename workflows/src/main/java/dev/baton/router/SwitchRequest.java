package dev.baton.router;

public record SwitchRequest(String project, String fromSite, String toSite) {}
