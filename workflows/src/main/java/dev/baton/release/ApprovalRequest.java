package dev.baton.release;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An approval or rejection, from the CLI (Update) or the Temporal Web UI (Signal with this JSON:
 * {@code {"step":"switch","approver":"alice","comment":"looks good"}}).
 *
 * <p>Unknown keys are ignored: otherwise the SDK drops a signal it cannot read with no more than a
 * worker log line, and the person who typed {@code "ticket":"OPS-1"} never learns why nothing
 * happened. A misspelt key leaves its field null, which the approval gate refuses and records.
 *
 * @param step the step being approved: "switch" or "backfill"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalRequest(String step, String approver, String comment) {}
