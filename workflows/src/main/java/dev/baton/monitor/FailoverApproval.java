package dev.baton.monitor;

/** A person's go for the failover a manual-mode monitor waits for. */
public record FailoverApproval(String approver, String reason) {}
