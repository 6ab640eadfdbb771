package dev.baton.router;

/**
 * @param millis from the start of the shift until the router was seen sending a request to {@code
 *     toSite}
 * @param detail what the router wrote and saw, for the release's progress
 */
public record ShiftResult(String toSite, int percent, long millis, String detail) {}
