package dev.baton.rules;

import dev.baton.FailureKind;
import dev.baton.report.Texts;
import dev.baton.signature.AllowedSigners;
import dev.baton.signature.SignatureProblem;
import dev.baton.signature.SignedStatement;
import dev.baton.signature.StatementVerifier;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Proves who decided: checks the SSH signature of a release's start and of each approval against
 * the control worker's allowed-signers file. Pure (the caller passes the clock and the ids), so it
 * serves the Update validator, the Signal handler and replay alike.
 */
public final class SignedDecisions {
  /** What a check found: the signing key's fingerprint ("" when unsigned), or why it is refused. */
  public record Check(String key, String refusal) {
    static Check refused(String why) {
      return new Check("", why);
    }
  }

  private final ApprovalSigners signers;
  private final AllowedSigners allowed;

  /** Nonces of every validly signed decision this release took: a second use is a replay. */
  private final Set<String> nonces = new HashSet<>();

  public SignedDecisions(ApprovalSigners signers) {
    this.signers = signers == null ? ApprovalSigners.unsigned() : signers;
    try {
      this.allowed =
          this.signers.allowedSigners().isBlank()
              ? null
              : AllowedSigners.parse(this.signers.allowedSigners());
    } catch (SignatureProblem e) {
      throw FailureKind.BAD_CONFIG.failure(
          "the allowed signers " + this.signers.file() + " do not load: " + e.getMessage());
    }
  }

  public boolean required() {
    return signers.signaturesRequired();
  }

  /**
   * Checks one signed decision. {@code runId} is the run it must be signed for ("" for a start,
   * whose run did not exist yet); a request that carries no signature passes only where unsigned
   * decisions are allowed.
   */
  public Check check(
      String action,
      String workflowId,
      String runId,
      String step,
      String name,
      String comment,
      Proof proof,
      Instant now) {
    if (proof == null || proof.signature() == null || proof.signature().isBlank()) {
      return required()
          ? Check.refused(
              "this project takes signed decisions only (allowed signers "
                  + signers.file()
                  + "): sign with `--key FILE`, or paste the payload of `--print-payload`")
          : new Check("", null);
    }
    if (allowed == null) {
      return Check.refused("the control worker has no allowed signers to check a signature with");
    }
    String signedRun = proof.runId() == null ? "" : proof.runId();
    if (!signedRun.equals(runId)) {
      return Check.refused(
          "the signature is for run "
              + CallerText.quote(signedRun)
              + " of "
              + workflowId
              + ", not this run "
              + CallerText.quote(runId));
    }
    Instant at;
    try {
      at = Instant.parse(proof.time() == null ? "" : proof.time());
    } catch (DateTimeParseException e) {
      return Check.refused(
          "the signing time "
              + CallerText.quote(proof.time())
              + " is not an ISO-8601 UTC time like 2026-12-06T10:00:00Z");
    }
    Duration age = Duration.between(at, now);
    if (age.abs().compareTo(signers.maxAge()) > 0) {
      return Check.refused(
          "signed at "
              + at
              + ", "
              + (age.isNegative()
                  ? "in the future"
                  : Texts.duration(Duration.ofSeconds(age.getSeconds())) + " ago")
              + ": a signature is good for "
              + Texts.duration(signers.maxAge())
              + " (release.approval.signatureMaxAge); sign again");
    }
    if (proof.nonce() == null || proof.nonce().isBlank()) {
      return Check.refused("the signed decision has no nonce");
    }
    if (nonces.contains(proof.nonce())) {
      return Check.refused(
          "nonce " + CallerText.quote(proof.nonce()) + " was used already: a replayed decision");
    }
    SignedStatement statement =
        new SignedStatement(action, workflowId, runId, step, name, comment, at, proof.nonce());
    try {
      return new Check(
          StatementVerifier.verify(statement, proof.signature(), allowed).fingerprint(), null);
    } catch (SignatureProblem e) {
      return Check.refused(e.getMessage());
    }
  }

  /**
   * Checks a decision about the workflow that runs this code, from inside it: signed for its
   * current run ({@code thisRun}), or for no run (a start, whose run did not exist when it was
   * signed), at the workflow's own time.
   */
  public Check checkHere(
      String action, boolean thisRun, String step, String name, String comment, Proof proof) {
    return check(
        action,
        Workflow.getInfo().getWorkflowId(),
        thisRun ? Workflow.getInfo().getRunId() : "",
        step == null ? "" : step,
        CallerText.normalizeName(name),
        comment == null ? "" : comment,
        proof,
        Instant.ofEpochMilli(Workflow.currentTimeMillis()));
  }

  /** A validly signed decision was taken: its nonce may not come again. */
  public void used(Proof proof) {
    if (proof != null && proof.nonce() != null) {
      nonces.add(proof.nonce());
    }
  }

  /** The signed part of a decision, wherever it came from (an approval, a start). */
  public record Proof(String runId, String time, String nonce, String signature) {}
}
