package dev.baton.database;

public record ReplicationRequest(String project, String primarySite, String replicaSite) {}
