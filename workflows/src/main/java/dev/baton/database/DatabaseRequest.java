package dev.baton.database;

/** One site's database, by site id; the worker looks up the URL and password in its config. */
public record DatabaseRequest(String project, String siteId) {}
