package dev.baton.release;

/** Move traffic back to the site that was active before the switch; who asks and why. */
public record RollbackRequest(String by, String reason) {}
