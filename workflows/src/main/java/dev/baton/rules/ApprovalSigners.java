package dev.baton.rules;

import java.time.Duration;

/**
 * How approvers prove who they are ({@code release.approval} in baton.yml).
 *
 * @param allowedSigners the allowed-signers file's text (git's {@code gpg.ssh.allowedSignersFile}
 *     format: public keys only, nothing secret); empty when none is configured
 * @param file where it was read from, for messages; empty when none
 * @param allowUnsigned accept approvals without a signature: the approver is then the name typed,
 *     and only the Temporal server's own authorization says who may send it
 * @param maxAge how old a signature may be when it arrives
 */
public record ApprovalSigners(
    String allowedSigners, String file, boolean allowUnsigned, Duration maxAge) {

  public static ApprovalSigners unsigned() {
    return new ApprovalSigners("", "", true, Duration.ofMinutes(10));
  }

  public boolean signaturesRequired() {
    return !allowUnsigned;
  }
}
