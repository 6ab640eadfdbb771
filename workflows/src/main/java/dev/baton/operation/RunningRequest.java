package dev.baton.operation;

public record RunningRequest(String project, String callerWorkflowId) {}
