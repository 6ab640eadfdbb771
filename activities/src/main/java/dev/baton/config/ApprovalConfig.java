package dev.baton.config;

import java.nio.file.Path;
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
 * @param allowedSigners git's allowed-signers file of the approvers' SSH keys; null when approvals
 *     are not signed
 * @param allowUnsigned accept approvals without a signature (true when there is no allowed-signers
 *     file)
 * @param signatureMaxAge how old a signed decision may be when it arrives
 */
public record ApprovalConfig(
    List<String> steps,
    List<String> approvers,
    boolean fourEyes,
    Duration timeout,
    String onTimeout,
    Path allowedSigners,
    boolean allowUnsigned,
    Duration signatureMaxAge) {

  public static final Duration DEFAULT_SIGNATURE_MAX_AGE = Duration.ofMinutes(10);

  public ApprovalConfig {
    steps = List.copyOf(steps);
    approvers = List.copyOf(approvers);
  }

  /** Unsigned approvals, as before signatures existed. */
  public ApprovalConfig(
      List<String> steps,
      List<String> approvers,
      boolean fourEyes,
      Duration timeout,
      String onTimeout) {
    this(steps, approvers, fourEyes, timeout, onTimeout, null, true, DEFAULT_SIGNATURE_MAX_AGE);
  }
}
