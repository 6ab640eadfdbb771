package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.rules.CallerText;
import dev.baton.rules.ControlPlane;
import dev.baton.rules.ControlRules;
import dev.baton.rules.SignedDecisions;

/**
 * The release's first act: the control worker's rules, not the input's, since whoever starts a
 * release (the Web UI, any SDK client) must not choose its gates. Where decisions are signed, the
 * start is checked too, and its key is what four-eyes compares an approver's key with. A release
 * recorded before the rules moved to the control worker replays with its input's.
 */
final class ReleaseRules {
  /**
   * @param source where the rules came from, for the progress; null for an old release
   * @param requesterKey the fingerprint of the key that signed the start; empty when unsigned
   */
  record Read(
      ReleaseRequest request, String source, SignedDecisions signatures, String requesterKey) {}

  private ReleaseRules() {}

  static Read read(ReleaseRequest input) {
    ControlRules rules = ControlPlane.read(input.project()).orElse(null);
    if (rules == null) {
      return new Read(input, null, new SignedDecisions(null), "");
    }
    ControlPlane.requireWorkflowId(Names.releaseWorkflowId(input.project()));
    String name = CallerText.normalizeName(input.requestedBy());
    String badName = CallerText.nameProblem(name);
    if (badName != null) {
      throw FailureKind.BAD_REQUEST.failure("requested by: " + badName);
    }
    SignedDecisions signatures = new SignedDecisions(rules.signers());
    SignedDecisions.Check start =
        signatures.checkHere("start", false, input.version(), name, "", input.proof());
    if (start.refusal() != null) {
      throw FailureKind.BAD_REQUEST.failure("the start is refused: " + start.refusal());
    }
    signatures.used(input.proof());
    return new Read(
        new ReleaseRequest(
            input.project(), input.version(), name, rules.siteIds(), rules.release()),
        rules.release().describe()
            + (signatures.required() ? ", signed decisions" : "")
            + "; from the control worker's "
            + rules.source().describe()
            + ", read at plan"
            + (start.key().isEmpty() ? "" : "; started by " + name + " with " + start.key()),
        signatures,
        start.key());
  }
}
