package dev.baton.router;

/**
 * One partial step of a weighted shift: {@code percent} of new requests go to {@code toSite}, the
 * rest stay on {@code fromSite}.
 *
 * @param percent 1 to 99; 100 is a whole switch ({@link RouterActivities#switchTo})
 */
public record ShiftRequest(String project, String fromSite, String toSite, int percent) {}
