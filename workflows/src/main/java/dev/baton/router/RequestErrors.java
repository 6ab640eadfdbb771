package dev.baton.router;

/**
 * @param measured false when the router keeps no log baton can read; the counts are 0 then
 * @param detail one line, e.g. {@code "2 of 1532 requests failed (502 x2)"} or why not measured
 */
public record RequestErrors(boolean measured, long requests, long errors, String detail) {}
