package dev.baton.operation;

/**
 * @param by the failover's workflow id, recorded as the termination's reason
 */
public record PreemptRequest(String project, String by, String reason) {}
