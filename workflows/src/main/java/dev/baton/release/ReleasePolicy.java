package dev.baton.release;

import java.time.Duration;
import java.util.List;

/**
 * The release part of {@code baton.yml}, copied into the request when the release starts, so a
 * running release keeps the rules it started with.
 *
 * @param approvalSteps steps that wait for a person: "switch", "backfill"
 * @param approvers who may approve; empty means anyone
 * @param fourEyes the requester may not approve their own release
 * @param replicatedDatabase gate the release on PostgreSQL replication health
 */
public record ReleasePolicy(
    List<String> approvalSteps,
    List<String> approvers,
    boolean fourEyes,
    Duration approvalTimeout,
    TimeoutOutcome onApprovalTimeout,
    Duration bake,
    Duration probeInterval,
    Duration deployTimeout,
    List<String> activeOnlyServices,
    boolean replicatedDatabase,
    long maxLagBytes,
    Duration maxLag) {

  public boolean needsApproval(String step) {
    return approvalSteps.contains(step);
  }
}
