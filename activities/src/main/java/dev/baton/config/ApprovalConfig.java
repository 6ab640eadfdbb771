package dev.baton.config;

import java.time.Duration;
import java.util.List;

/**
 * Which release steps wait for a human, and who may approve them.
 *
 * @param steps steps that wait for approval, each {@code switch} or {@code backfill}
 * @param approvers who may approve; empty means anyone
 * @param fourEyes when true the requester may not approve their own release
 * @param timeout how long a step waits for an approval
 * @param onTimeout {@code reject} or {@code approve}
 */
public record ApprovalConfig(
    List<String> steps,
    List<String> approvers,
    boolean fourEyes,
    Duration timeout,
    String onTimeout) {

  public ApprovalConfig {
    steps = List.copyOf(steps);
    approvers = List.copyOf(approvers);
  }

  public boolean requiresApproval(String step) {
    return steps.contains(step);
  }
}
