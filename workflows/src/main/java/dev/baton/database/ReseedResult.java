package dev.baton.database;

/**
 * @param commandMillis how long the site's reseed command ran
 * @param catchUpMillis how long it then took until the database streamed from the primary
 * @param detail replication state at the end, e.g. {@code "streaming, lag 0 B / 0 ms"}
 */
public record ReseedResult(long commandMillis, long catchUpMillis, String detail) {}
