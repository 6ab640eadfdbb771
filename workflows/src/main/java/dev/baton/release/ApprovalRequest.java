package dev.baton.release;

/**
 * An approval or rejection, from the CLI (Update) or the Temporal Web UI (Signal with this JSON:
 * {@code {"step":"switch","approver":"alice","comment":"looks good"}}).
 *
 * @param step the step being approved: "switch" or "backfill"
 */
public record ApprovalRequest(String step, String approver, String comment) {}
