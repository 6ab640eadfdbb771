package dev.baton.notify;

/**
 * @param event e.g. approval-needed, release-succeeded, release-failed, rolled-back
 */
public record Notification(String project, String event, String text) {}
