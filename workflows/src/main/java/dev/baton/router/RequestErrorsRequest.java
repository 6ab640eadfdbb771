package dev.baton.router;

/** Epoch milliseconds; both ends included. */
public record RequestErrorsRequest(String project, long fromMillis, long toMillis) {}
