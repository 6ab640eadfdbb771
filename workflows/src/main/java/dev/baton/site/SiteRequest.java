package dev.baton.site;

public record SiteRequest(String project, String siteId) {}
