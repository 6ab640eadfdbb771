package dev.baton.database;

/**
 * @param promoted this call promoted it; false when it already was a primary
 * @param promoteMillis how long the promotion took until the database accepted writes
 * @param detail one line for people
 */
public record PromoteResult(boolean promoted, long promoteMillis, String detail) {}
