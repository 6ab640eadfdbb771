package dev.baton.database;

/** Make {@code siteId}'s database a fresh streaming replica of {@code primarySite}'s. */
public record ReseedRequest(String project, String siteId, String primarySite) {}
