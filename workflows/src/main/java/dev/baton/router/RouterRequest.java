package dev.baton.router;

public record RouterRequest(String project) {}
