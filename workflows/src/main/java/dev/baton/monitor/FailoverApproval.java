package dev.baton.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A person's go for the failover a manual-mode monitor waits for. Unknown keys typed in the Web UI
 * are ignored rather than making the SDK drop the signal (see {@link
 * dev.baton.release.ApprovalRequest}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverApproval(String approver, String reason) {}
