package dev.baton.release;

/** What a successful release returns. Failed releases carry the same progress in the failure. */
public record ReleaseResult(String outcome, ReleaseProgress progress) {}
